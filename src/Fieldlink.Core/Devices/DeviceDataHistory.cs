using Fieldlink.Core.Actions;
using Fieldlink.Core.Data;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Devices;

/// <summary>One pull of a device's data, and what it returned.</summary>
public sealed class DeviceDataHistory : Entity
{
    /// <summary>Fieldlink's id of the device.</summary>
    public Guid DeviceRecordId { get; set; }

    public ActionOutcome Outcome { get; set; }

    /// <summary>What the provider's system said of the device, when it answered.</summary>
    public DeviceDataStatus? Status { get; set; }

    public ConnectionState? ConnectionState { get; set; }

    public DateTimeOffset? ConnectionStateChangedAt { get; set; }

    /// <summary>The reported properties the pull returned, as a JSON object; null when it returned none.</summary>
    public string? ReportedProperties { get; set; }

    public DateTimeOffset? LastActivityAt { get; set; }

    public string? Message { get; set; }
}
