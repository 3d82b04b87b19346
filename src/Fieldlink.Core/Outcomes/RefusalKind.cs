namespace Fieldlink.Core.Outcomes;

/// <summary>Why an operation was not carried out; each has its HTTP status in the API.</summary>
public enum RefusalKind
{
    /// <summary>The record (a device, a case, the alert a case starts from) does not exist (404).</summary>
    NotFound,

    /// <summary>The input does not fit the operation (400).</summary>
    Invalid,

    /// <summary>The record's state forbids it: a status change the lifecycle does not allow, a second active case (409).</summary>
    Conflict,

    /// <summary>The record changed since the version the caller named (412).</summary>
    Stale,

    /// <summary>The device's provider instance is disabled (409).</summary>
    InstanceDisabled,

    /// <summary>The device's provider does not support the action, or its connector is not installed (501).</summary>
    NotSupported,

    /// <summary>The provider's system failed (502).</summary>
    Failed,

    /// <summary>The provider's system did not answer in time (504).</summary>
    TimedOut,
}
