using Fieldlink.Core.Data;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Devices;

/// <summary>A sensor or controller, known to one provider instance by its <see cref="DeviceId"/>.</summary>
public sealed class Device : Entity
{
    public required string Name { get; set; }

    /// <summary>The device's id in its provider's system; unique within the provider instance.</summary>
    public required string DeviceId { get; set; }

    public Guid ProviderInstanceId { get; set; }

    public Guid? AccountId { get; set; }

    public Guid? CategoryId { get; set; }

    public Guid? CustomerAssetId { get; set; }

    /// <summary>An IANA time zone id, e.g. <c>Europe/Berlin</c>.</summary>
    public string? TimeZone { get; set; }

    public bool Simulated { get; set; }

    public RegistrationStatus RegistrationStatus { get; set; } = RegistrationStatus.Unknown;

    public string? RegistrationMessage { get; set; }

    public ConnectionState ConnectionState { get; set; } = ConnectionState.Unknown;

    public DateTimeOffset? ConnectionStateChangedAt { get; set; }

    public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>The properties the device last reported, as a JSON object.</summary>
    public string ReportedProperties { get; set; } = "{}";

    public List<string> Tags { get; set; } = [];

    /// <summary>The device's own summary tiles (at most six), replacing its category's; null to show the category's.</summary>
    public List<SummaryTile>? Tiles { get; set; }
}
