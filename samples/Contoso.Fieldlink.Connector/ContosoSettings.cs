using System.ComponentModel.DataAnnotations;
using Fieldlink.Sdk;

namespace Contoso.Fieldlink.Connector;

/// <summary>The settings of a Contoso provider instance (JSON: <c>tenant</c>, <c>apiKey</c>).</summary>
public sealed class ContosoSettings
{
    /// <summary>The Contoso tenant the instance talks to. Required; default: <c>demo</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9-]+$", ErrorMessage = "A Contoso tenant is lower-case letters, digits and '-'.")]
    public string Tenant { get; set; } = "demo";

    /// <summary>The tenant's API key; stored, never shown. Default: none (the demo tenant needs none).</summary>
    [Secret]
    public string? ApiKey { get; set; }
}
