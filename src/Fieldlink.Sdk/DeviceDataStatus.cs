namespace Fieldlink.Sdk;

/// <summary>What the provider's system said of a device when its data was pulled.</summary>
public enum DeviceDataStatus
{
    /// <summary>The device is known and enabled.</summary>
    Enabled,

    /// <summary>The device is known and disabled.</summary>
    Disabled,

    /// <summary>The system does not know the device.</summary>
    NotFound,
}
