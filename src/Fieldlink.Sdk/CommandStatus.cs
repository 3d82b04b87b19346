namespace Fieldlink.Sdk;

/// <summary>
/// Where a command stands: Queued → Sent → Delivered → Succeeded, or Failed, TimedOut, Expired, Canceled.
/// The last five are final.
/// </summary>
public enum CommandStatus
{
    /// <summary>Stored, waiting to be sent.</summary>
    Queued,

    /// <summary>The provider's system took it.</summary>
    Sent,

    /// <summary>The device received it.</summary>
    Delivered,

    /// <summary>The device carried it out.</summary>
    Succeeded,

    /// <summary>The system or the device refused it, or it could not be sent.</summary>
    Failed,

    /// <summary>No outcome came within the command's timeout.</summary>
    TimedOut,

    /// <summary>It could not be sent before it expired.</summary>
    Expired,

    /// <summary>Canceled before it was sent.</summary>
    Canceled,
}
