namespace Fieldlink.Core.WorkOrders;

/// <summary>
/// Where a work order stands: Unscheduled → Scheduled → InProgress → Completed → Closed, one step at a time; or
/// Canceled from any state before Completed. Closed and Canceled are final.
/// </summary>
public enum WorkOrderStatus
{
    Unscheduled,
    Scheduled,
    InProgress,
    Completed,
    Closed,
    Canceled,
}
