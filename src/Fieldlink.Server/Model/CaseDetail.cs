using Fieldlink.Core.Cases;

namespace Fieldlink.Server.Model;

/// <summary>A case's page: the case, the alert and device it came from, the names it refers to, and its work orders.</summary>
public sealed record CaseDetail(Case Case, AlertLine? Alert, string? Account, string? CustomerAsset, IReadOnlyList<WorkOrderRow> WorkOrders)
{
    /// <summary>The statuses the case may move to now (<see cref="CaseTransitions"/>).</summary>
    public IReadOnlyList<CaseStatus> NextStatuses => [.. Enum.GetValues<CaseStatus>().Where(s => CaseTransitions.Allows(Case.Status, s))];

    /// <summary>Work orders are made only for an active case (<c>WorkOrderLifecycle.CreateForCaseAsync</c>).</summary>
    public bool MayGetWorkOrder => Case.Status == CaseStatus.Active;
}
