using System.ComponentModel.DataAnnotations;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Tests.Infrastructure.TestVendor;

/// <summary>Settings of the test vendor: how its system behaves is a setting, so one test server covers every case.</summary>
public sealed class TestVendorSettings
{
    [Required]
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int? Port { get; set; }

    [Secret]
    public string? Password { get; set; }

    /// <summary>
    /// <c>ok</c>, <c>fail</c> (a ConnectorException), <c>crash</c> (any other exception), <c>hang</c> (never answers) or
    /// <c>slowPull</c> (takes five seconds to answer a pull, otherwise ok).
    /// </summary>
    [RegularExpression("ok|fail|crash|hang|slowPull")]
    public string Behaviour { get; set; } = "ok";

    /// <summary>
    /// What a device does with a command: <c>succeed</c>, <c>fail</c>, <c>none</c> (never answers), <c>refuse</c> (the
    /// system refuses it), <c>succeedAtOnce</c> (succeeds before the hand-over returns), <c>deliverAtOnce</c> (is
    /// delivered before the hand-over returns, then never answers) or <c>flaky</c> (the system fails the first
    /// hand-over, as a 503, then the device succeeds at once) or <c>slow</c> (the system takes three seconds to take
    /// it, then the device succeeds) or <c>skewed</c> (the device succeeds, its clock an hour behind).
    /// </summary>
    [RegularExpression("succeedAtOnce|deliverAtOnce|slow|flaky|skewed|succeed|fail|none|refuse")]
    public string CommandOutcome { get; set; } = "succeed";
}
