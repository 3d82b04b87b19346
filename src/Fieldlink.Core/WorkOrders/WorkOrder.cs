using Fieldlink.Core.Data;
using Fieldlink.Sdk;

namespace Fieldlink.Core.WorkOrders;

/// <summary>
/// Work for a technician on site, made from a case when remote investigation did not resolve it. Points back to the
/// case and its alert, and carries the alert's problem as its primary incident, so the technician sees what the
/// device reported. A case may have several.
/// </summary>
public sealed class WorkOrder : Entity
{
    public const int InstructionsMaxLength = 4000;

    /// <summary>The number people say on the phone, e.g. <c>WO-000123</c>; unique, in order of creation.</summary>
    public required string Number { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>The case's alert.</summary>
    public Guid AlertId { get; set; }

    public Guid? AccountId { get; set; }

    public Guid? CustomerAssetId { get; set; }

    /// <summary>The type of the alert the work answers.</summary>
    public AlertType PrimaryIncidentType { get; set; }

    /// <summary>The description of the alert the work answers.</summary>
    public required string PrimaryIncidentDescription { get; set; }

    /// <summary>What the technician should do, from the dispatcher.</summary>
    public string? Instructions { get; set; }

    public WorkOrderStatus Status { get; set; } = WorkOrderStatus.Unscheduled;

    public DateTimeOffset? ScheduledAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public DateTimeOffset? CanceledAt { get; set; }
}
