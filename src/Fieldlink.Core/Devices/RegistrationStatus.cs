namespace Fieldlink.Core.Devices;

/// <summary>Where a device stands with its provider, as in the reference system.</summary>
public enum RegistrationStatus
{
    Unknown,
    Unregistered,
    InProgress,
    Registered,
    Error,
}
