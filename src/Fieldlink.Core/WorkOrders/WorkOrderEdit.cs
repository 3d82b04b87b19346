namespace Fieldlink.Core.WorkOrders;

/// <summary>
/// The new values of a work order's editable fields, as a merge patch left them; <see cref="Status"/> only when the
/// patch names it.
/// </summary>
public sealed record WorkOrderEdit(string? Instructions, WorkOrderStatus? Status);
