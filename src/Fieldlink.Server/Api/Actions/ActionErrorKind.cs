namespace Fieldlink.Server.Api.Actions;

/// <summary>
/// Why a batch action did nothing or failed for one device, as a batch result's <c>errorKind</c> names it (mapped from
/// the Core refusal by <see cref="Problems.RefusalProblems.BatchErrorKind"/>).
/// </summary>
public enum ActionErrorKind
{
    /// <summary>No such device (404).</summary>
    DeviceNotFound,

    /// <summary>The input does not fit the action (400).</summary>
    Invalid,

    /// <summary>The device's provider instance is disabled (409).</summary>
    InstanceDisabled,

    /// <summary>The device's provider does not support the action, or its connector is not installed (501).</summary>
    NotSupported,

    /// <summary>The provider's system failed (502).</summary>
    Failed,

    /// <summary>The provider's system did not answer in time (504).</summary>
    TimedOut,
}
