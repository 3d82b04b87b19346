namespace Fieldlink.Server.Api.WorkOrders;

/// <summary>The optional body of <c>POST /api/v1/cases/{id}/workOrder</c>: the rest comes from the case and its alert.</summary>
/// <param name="Instructions">What the technician should do.</param>
public sealed record WorkOrderCreate(string? Instructions);
