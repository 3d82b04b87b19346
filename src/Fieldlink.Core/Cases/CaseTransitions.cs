namespace Fieldlink.Core.Cases;

/// <summary>The status changes a case allows: resolve or cancel an active case, reopen a resolved one.</summary>
public static class CaseTransitions
{
    public static bool Allows(CaseStatus from, CaseStatus to) => (from, to) switch
    {
        (CaseStatus.Active, CaseStatus.Resolved) => true,
        (CaseStatus.Active, CaseStatus.Canceled) => true,
        (CaseStatus.Resolved, CaseStatus.Active) => true,
        _ => false,
    };
}
