using Fieldlink.Core.Actions;
using Fieldlink.Core.Devices;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Api.Actions;

/// <summary>A registration history record as the API shows it.</summary>
public sealed record RegistrationRead(Guid Id, Guid DeviceRecordId, RegistrationStatus Status, ActionOutcome Outcome, string? ProviderDeviceId, string? Message, DateTimeOffset CreatedAt)
{
    public static RegistrationRead From(RegistrationHistory h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new(h.Id, h.DeviceRecordId, h.Status, h.Outcome, h.ProviderDeviceId, h.Message, h.CreatedAt);
    }
}
