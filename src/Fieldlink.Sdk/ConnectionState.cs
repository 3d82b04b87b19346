namespace Fieldlink.Sdk;

/// <summary>Whether the device was last known to be connected to its IoT system.</summary>
public enum ConnectionState
{
    /// <summary>Not known.</summary>
    Unknown,

    /// <summary>Connected.</summary>
    Connected,

    /// <summary>Disconnected.</summary>
    Disconnected,
}
