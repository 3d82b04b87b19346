using Fieldlink.Core.Cases;
using Fieldlink.Core.WorkOrders;

namespace Fieldlink.Server.Model;

/// <summary>A work order's page: the work order, the case and alert it came from, and the names it refers to.</summary>
public sealed record WorkOrderDetail(WorkOrder WorkOrder, string CaseNumber, CaseStatus CaseStatus, AlertLine? Alert, string? Account, string? CustomerAsset)
{
    /// <summary>The statuses the work order may move to now (<see cref="WorkOrderTransitions"/>).</summary>
    public IReadOnlyList<WorkOrderStatus> NextStatuses => [.. Enum.GetValues<WorkOrderStatus>().Where(s => WorkOrderTransitions.Allows(WorkOrder.Status, s))];
}
