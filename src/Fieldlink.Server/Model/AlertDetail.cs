using Fieldlink.Core.Alerts;
using Fieldlink.Core.Cases;
using Fieldlink.Core.WorkOrders;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Model;

/// <summary>An alert as its page shows it: its fields with the names they refer to, its data as indented JSON, its group, the commands sent for it, its case and work orders.</summary>
public sealed record AlertDetail(
    Guid Id,
    DateTimeOffset AlertTime,
    AlertType AlertType,
    AlertStatus Status,
    AlertStatusReason StatusReason,
    string? StatusNote,
    string Description,
    string? Provider,
    string? ProviderInstance,
    string DeviceId,
    NamedRecord? Device,
    NamedRecord? CustomerAsset,
    NamedRecord? Account,
    string? Url,
    string? DataJson,
    Guid? ParentAlertId,
    int ChildCount,
    IReadOnlyList<AlertDetail.Child> Children,
    IReadOnlyList<AlertDetail.SentCommand> Commands,
    AlertDetail.CaseLink? Case,
    IReadOnlyList<AlertDetail.WorkOrderLink> WorkOrders)
{
    /// <summary>How many children the page lists; the count says how many there are in all.</summary>
    public const int ChildrenShown = 20;

    public sealed record Child(Guid Id, DateTimeOffset AlertTime, string Description, AlertStatus Status);

    public sealed record SentCommand(Guid Id, string Name, CommandStatus Status, DateTimeOffset QueuedAt, string Device);

    public sealed record CaseLink(Guid Id, string Number, string Title, CaseStatus Status);

    public sealed record WorkOrderLink(Guid Id, string Number, WorkOrderStatus Status);
}
