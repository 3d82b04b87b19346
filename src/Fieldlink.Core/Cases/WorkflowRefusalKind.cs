namespace Fieldlink.Core.Cases;

/// <summary>Why a change of a case or work order was not made.</summary>
public enum WorkflowRefusalKind
{
    /// <summary>The record (or the alert or case it starts from) does not exist.</summary>
    NotFound,

    /// <summary>The record's state forbids it: a status change the lifecycle does not allow, a second active case.</summary>
    Conflict,

    /// <summary>The record changed since the version the caller named.</summary>
    Stale,
}
