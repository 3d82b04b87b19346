namespace Fieldlink.Sdk;

/// <summary>The register action: makes devices known to the provider's system.</summary>
public interface IRegisterDevices
{
    /// <summary>Registers a batch of devices.</summary>
    /// <param name="devices">The devices, at most a few hundred at a time.</param>
    /// <param name="cancellationToken">Cancelled when the action times out.</param>
    /// <returns>One result per device, in any order, matched by <see cref="DeviceRef.Id"/>; a device left out is an error.</returns>
    Task<IReadOnlyList<RegistrationResult>> RegisterDevicesAsync(IReadOnlyList<DeviceRef> devices, CancellationToken cancellationToken);
}
