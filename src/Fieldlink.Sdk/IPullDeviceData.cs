namespace Fieldlink.Sdk;

/// <summary>The pull action: reads devices' current state from the provider's system.</summary>
public interface IPullDeviceData
{
    /// <summary>Reads the current state of a batch of devices.</summary>
    /// <param name="devices">The devices.</param>
    /// <param name="cancellationToken">Cancelled when the action times out.</param>
    /// <returns>One result per device, matched by <see cref="DeviceRef.Id"/>; a device left out is an error.</returns>
    Task<IReadOnlyList<DeviceData>> PullDeviceDataAsync(IReadOnlyList<DeviceRef> devices, CancellationToken cancellationToken);
}
