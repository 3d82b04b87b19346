using System.Text.Json.Nodes;
using Fieldlink.Core.Alerts;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Api.Alerts;

/// <summary>
/// An alert as the unified list shows it: where it came from, its group, and where it stands. The webhook events carry
/// a documented subset of it (<see cref="Core.Webhooks.WebhookPayloads.Alert"/>), whose fields read as these do.
/// </summary>
public sealed record AlertRead(
    Guid Id,
    string DeviceId,
    Guid? DeviceRecordId,
    Guid ProviderId,
    Guid ProviderInstanceId,
    Guid? CustomerAssetId,
    Guid? AccountId,
    AlertType AlertType,
    string Description,
    DateTimeOffset AlertTime,
    JsonNode? Data,
    string? Token,
    string? Url,
    AlertStatus Status,
    AlertStatusReason StatusReason,
    string? StatusNote,
    Guid? ParentAlertId,
    int ChildCount,
    DateTimeOffset LastOccurrenceAt,
    Guid? CaseId,
    Guid? DataHistoryId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static AlertRead From(Alert a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.DeviceId, a.DeviceRecordId, a.ProviderId, a.ProviderInstanceId, a.CustomerAssetId, a.AccountId, a.AlertType,
            a.Description, a.AlertTime, a.Data is null ? null : JsonNode.Parse(a.Data), a.Token, a.Url, a.Status, a.StatusReason, a.StatusNote,
            a.ParentAlertId, a.ChildCount, a.LastOccurrenceAt, a.CaseId, a.DataHistoryId, a.CreatedAt, a.UpdatedAt);
    }
}
