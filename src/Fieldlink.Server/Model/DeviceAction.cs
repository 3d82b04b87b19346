namespace Fieldlink.Server.Model;

/// <summary>The provider actions the device pages offer on one device or a selection.</summary>
public enum DeviceAction
{
    /// <summary>Register the devices with their providers.</summary>
    Register,

    /// <summary>Pull the devices' current data from their providers.</summary>
    Pull,
}
