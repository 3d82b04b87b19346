using Fieldlink.Core.WorkOrders;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Cases;

/// <summary>Log messages of cases and work orders (event ids 2400–2499, in <see cref="CoreEventIds"/>).</summary>
internal static partial class CaseLog
{
    [LoggerMessage(EventId = CoreEventIds.CaseCreated, Level = LogLevel.Information, Message = "Case {Number} ({CaseId}) created from alert {AlertId}; {Linked} alerts of its group linked to it")]
    public static partial void CaseCreated(ILogger logger, string number, Guid caseId, Guid alertId, int linked);

    [LoggerMessage(EventId = CoreEventIds.CaseMoved, Level = LogLevel.Information, Message = "Case {Number} ({CaseId}) went from {From} to {To}; {Moved} of its alerts changed status")]
    public static partial void CaseMoved(ILogger logger, string number, Guid caseId, CaseStatus from, CaseStatus to, int moved);

    [LoggerMessage(EventId = CoreEventIds.WorkOrderCreated, Level = LogLevel.Information, Message = "Work order {Number} ({WorkOrderId}) created for case {CaseId}")]
    public static partial void WorkOrderCreated(ILogger logger, string number, Guid workOrderId, Guid caseId);

    [LoggerMessage(EventId = CoreEventIds.WorkOrderMoved, Level = LogLevel.Information, Message = "Work order {Number} ({WorkOrderId}) went from {From} to {To}")]
    public static partial void WorkOrderMoved(ILogger logger, string number, Guid workOrderId, WorkOrderStatus from, WorkOrderStatus to);
}
