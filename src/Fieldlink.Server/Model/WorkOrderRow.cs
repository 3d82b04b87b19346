using Fieldlink.Core.WorkOrders;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Model;

/// <summary>One row of the work orders list: its number, status and incident, and the case, device and asset it is for.</summary>
public sealed record WorkOrderRow(
    Guid Id,
    string Number,
    WorkOrderStatus Status,
    AlertType IncidentType,
    string Incident,
    Guid CaseId,
    string? Case,
    Guid? DeviceRecordId,
    string? Device,
    string? Account,
    Guid? CustomerAssetId,
    string? CustomerAsset,
    DateTimeOffset CreatedAt);
