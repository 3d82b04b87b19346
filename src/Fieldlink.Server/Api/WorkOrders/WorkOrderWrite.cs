using Fieldlink.Core.WorkOrders;

namespace Fieldlink.Server.Api.WorkOrders;

/// <summary>
/// What a PATCH of a work order may change: the instructions, and the status one step along its lifecycle
/// (Unscheduled → Scheduled → InProgress → Completed → Closed, or Canceled before Completed).
/// </summary>
public sealed record WorkOrderWrite(string? Instructions, WorkOrderStatus? Status);
