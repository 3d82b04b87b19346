using Fieldlink.Core.WorkOrders;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Api.WorkOrders;

/// <summary>A work order as the API shows it, with a timestamp per step of its lifecycle.</summary>
public sealed record WorkOrderRead(
    Guid Id,
    string Number,
    Guid CaseId,
    Guid AlertId,
    Guid? AccountId,
    Guid? CustomerAssetId,
    AlertType PrimaryIncidentType,
    string PrimaryIncidentDescription,
    string? Instructions,
    WorkOrderStatus Status,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? CanceledAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WorkOrderRead From(WorkOrder w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return new(w.Id, w.Number, w.CaseId, w.AlertId, w.AccountId, w.CustomerAssetId, w.PrimaryIncidentType, w.PrimaryIncidentDescription,
            w.Instructions, w.Status, w.ScheduledAt, w.StartedAt, w.CompletedAt, w.ClosedAt, w.CanceledAt, w.CreatedAt, w.UpdatedAt);
    }
}
