using Fieldlink.Sdk;

namespace Fieldlink.Server.Model;

/// <summary>
/// A customer asset's registration status, from its devices' (the reference keeps one on the asset): Error when any
/// device's registration failed, else InProgress while any is being registered, Registered when all are, Unregistered
/// when any provider does not know its device, else Unknown; none without devices.
/// </summary>
public sealed record AssetRegistration(int Devices, int Registered, RegistrationStatus? Status)
{
    public static AssetRegistration None { get; } = new(0, 0, null);

    public static AssetRegistration Of(IReadOnlyCollection<RegistrationStatus> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        if (devices.Count == 0)
        {
            return None;
        }

        var registered = devices.Count(s => s == RegistrationStatus.Registered);
        RegistrationStatus status =
            devices.Contains(RegistrationStatus.Error) ? RegistrationStatus.Error
            : devices.Contains(RegistrationStatus.InProgress) ? RegistrationStatus.InProgress
            : registered == devices.Count ? RegistrationStatus.Registered
            : devices.Contains(RegistrationStatus.Unregistered) ? RegistrationStatus.Unregistered
            : RegistrationStatus.Unknown;
        return new(devices.Count, registered, status);
    }

    /// <summary>In words: "Registered, 3 of 3 devices", "Error, 1 of 2 devices", "No devices".</summary>
    public override string ToString() => Status is { } status
        ? $"{status}, {Registered} of {Devices} device{(Devices == 1 ? string.Empty : "s")}"
        : "No devices";
}
