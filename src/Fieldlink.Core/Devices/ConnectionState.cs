namespace Fieldlink.Core.Devices;

/// <summary>Whether the device was last known to be connected to its IoT system.</summary>
public enum ConnectionState
{
    Unknown,
    Connected,
    Disconnected,
}
