namespace Fieldlink.Core.Cases;

/// <summary>
/// Where a case stands: Active while it is being investigated; Resolved when the problem is fixed (it may be reopened,
/// back to Active); Canceled when it was not needed (final).
/// </summary>
public enum CaseStatus
{
    Active,
    Resolved,
    Canceled,
}
