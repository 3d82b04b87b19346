namespace Fieldlink.Core.Devices;

/// <summary>Whose summary tiles a device shows.</summary>
public enum TileOrigin
{
    /// <summary>The device's own.</summary>
    Device,

    /// <summary>Its category's (the device sets none).</summary>
    Category,

    /// <summary>The reference's defaults (neither sets any).</summary>
    Default,
}
