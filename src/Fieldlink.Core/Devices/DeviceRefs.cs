using Fieldlink.Sdk;

namespace Fieldlink.Core.Devices;

/// <summary>Turns a stored device into what a connector action sees.</summary>
public static class DeviceRefs
{
    public static DeviceRef ToRef(this Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new DeviceRef(device.Id, device.DeviceId, device.Name, device.TimeZone, device.Simulated);
    }
}
