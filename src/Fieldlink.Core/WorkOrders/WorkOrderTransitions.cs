namespace Fieldlink.Core.WorkOrders;

/// <summary>The status changes a work order allows (see <see cref="WorkOrderStatus"/>).</summary>
public static class WorkOrderTransitions
{
    public static bool Allows(WorkOrderStatus from, WorkOrderStatus to) => (from, to) switch
    {
        (WorkOrderStatus.Unscheduled, WorkOrderStatus.Scheduled) => true,
        (WorkOrderStatus.Scheduled, WorkOrderStatus.InProgress) => true,
        (WorkOrderStatus.InProgress, WorkOrderStatus.Completed) => true,
        (WorkOrderStatus.Completed, WorkOrderStatus.Closed) => true,
        (WorkOrderStatus.Unscheduled or WorkOrderStatus.Scheduled or WorkOrderStatus.InProgress, WorkOrderStatus.Canceled) => true,
        _ => false,
    };

    /// <summary>Whether the work is still to be done: a case with such a work order is neither resolved nor canceled.</summary>
    public static bool IsOpen(WorkOrderStatus status) =>
        status is WorkOrderStatus.Unscheduled or WorkOrderStatus.Scheduled or WorkOrderStatus.InProgress;
}
