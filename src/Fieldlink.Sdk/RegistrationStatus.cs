namespace Fieldlink.Sdk;

/// <summary>Where a device stands with its provider, as in the reference system.</summary>
public enum RegistrationStatus
{
    /// <summary>Not known yet: the device has not been registered through Fieldlink.</summary>
    Unknown,

    /// <summary>The provider does not know the device.</summary>
    Unregistered,

    /// <summary>Registration has started and not finished.</summary>
    InProgress,

    /// <summary>The provider knows the device.</summary>
    Registered,

    /// <summary>Registration failed; the message says why.</summary>
    Error,
}
