namespace Fieldlink.Connectors.AzureIoTHub;

/// <summary>How a command reaches the device through the hub.</summary>
public enum CommandDelivery
{
    /// <summary>
    /// A direct method named as the command: the device answers at once, and its status and payload are the command's
    /// outcome.
    /// </summary>
    DirectMethod,

    /// <summary>
    /// A patch of the twin's desired properties with the command's parameters: Delivered when the hub takes it,
    /// Succeeded once the device reports the same values back. For devices that are often offline.
    /// </summary>
    DesiredProperties,
}
