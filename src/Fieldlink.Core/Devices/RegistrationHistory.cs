using Fieldlink.Core.Actions;
using Fieldlink.Core.Data;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Devices;

/// <summary>One registration of a device with its provider, and how it ended.</summary>
public sealed class RegistrationHistory : Entity
{
    /// <summary>Fieldlink's id of the device.</summary>
    public Guid DeviceRecordId { get; set; }

    /// <summary>The device's registration status after this registration; <see cref="RegistrationStatus.Error"/> when it failed.</summary>
    public RegistrationStatus Status { get; set; }

    /// <summary>Whether the provider's system answered, failed or did not answer in time.</summary>
    public ActionOutcome Outcome { get; set; }

    /// <summary>The id the provider gave the device, when it differs from the one asked for.</summary>
    public string? ProviderDeviceId { get; set; }

    public string? Message { get; set; }
}
