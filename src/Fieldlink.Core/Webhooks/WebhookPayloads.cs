using System.Text.Json.Nodes;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Cases;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Devices;
using Fieldlink.Core.WorkOrders;

namespace Fieldlink.Core.Webhooks;

/// <summary>The <c>data</c> of each event type: the record as the API names its fields (docs/webhooks.md shows them).</summary>
public static class WebhookPayloads
{
    /// <summary>
    /// An alert event's <c>data</c>: the documented subset of the API's alert record (<c>AlertRead</c>), in
    /// docs/webhooks.md's order. Kept apart from the record on purpose, so the API can grow without changing an event;
    /// each field here reads as the API's field of that name does (AlertJsonTests checks it).
    /// </summary>
    public static JsonObject Alert(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new JsonObject
        {
            ["id"] = alert.Id,
            ["providerId"] = alert.ProviderId,
            ["providerInstanceId"] = alert.ProviderInstanceId,
            ["deviceId"] = alert.DeviceId,
            ["deviceRecordId"] = alert.DeviceRecordId,
            ["customerAssetId"] = alert.CustomerAssetId,
            ["accountId"] = alert.AccountId,
            ["alertType"] = alert.AlertType.ToString(),
            ["description"] = alert.Description,
            ["alertTime"] = alert.AlertTime,
            ["status"] = alert.Status.ToString(),
            ["parentAlertId"] = alert.ParentAlertId,
            ["caseId"] = alert.CaseId,
            ["token"] = alert.Token,
            ["url"] = alert.Url,
            ["data"] = alert.Data is null ? null : JsonNode.Parse(alert.Data),
        };
    }

    public static JsonObject AlertStatus(Guid alertId, Guid? parentAlertId, AlertStatus from, AlertStatus to, AlertStatusReason reason, string? note) => new()
    {
        ["id"] = alertId,
        ["parentAlertId"] = parentAlertId,
        ["previousStatus"] = from.ToString(),
        ["status"] = to.ToString(),
        ["statusReason"] = reason.ToString(),
        ["statusNote"] = note,
    };

    public static JsonObject Command(Command command, Sdk.CommandStatus? previous)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new JsonObject
        {
            ["id"] = command.Id,
            ["deviceRecordId"] = command.DeviceRecordId,
            ["name"] = command.Name,
            ["alertId"] = command.AlertId,
            ["previousStatus"] = previous?.ToString(),
            ["status"] = command.Status.ToString(),
            ["sentAt"] = command.SentAt,
            ["deliveredAt"] = command.DeliveredAt,
            ["completedAt"] = command.CompletedAt,
            ["response"] = command.Response is null ? null : JsonNode.Parse(command.Response),
            ["error"] = command.Error,
        };
    }

    public static JsonObject Registration(Device device, RegistrationHistory history)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(history);
        return new JsonObject
        {
            ["id"] = history.Id,
            ["deviceRecordId"] = device.Id,
            ["deviceId"] = device.DeviceId,
            ["providerInstanceId"] = device.ProviderInstanceId,
            ["outcome"] = history.Outcome.ToString(),
            ["registrationStatus"] = history.Status.ToString(),
            ["providerDeviceId"] = history.ProviderDeviceId,
            ["message"] = history.Message,
        };
    }

    public static JsonObject DataPull(Device device, DeviceDataHistory history)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(history);
        return new JsonObject
        {
            ["id"] = history.Id,
            ["deviceRecordId"] = device.Id,
            ["deviceId"] = device.DeviceId,
            ["providerInstanceId"] = device.ProviderInstanceId,
            ["outcome"] = history.Outcome.ToString(),
            ["status"] = history.Status?.ToString(),
            ["connectionState"] = history.ConnectionState?.ToString(),
            ["lastActivityAt"] = history.LastActivityAt,
            ["reportedProperties"] = history.ReportedProperties is null ? null : JsonNode.Parse(history.ReportedProperties),
            ["message"] = history.Message,
        };
    }

    public static JsonObject Case(Case created)
    {
        ArgumentNullException.ThrowIfNull(created);
        return new JsonObject
        {
            ["id"] = created.Id,
            ["number"] = created.Number,
            ["title"] = created.Title,
            ["description"] = created.Description,
            ["status"] = created.Status.ToString(),
            ["priority"] = created.Priority.ToString(),
            ["alertId"] = created.AlertId,
            ["accountId"] = created.AccountId,
            ["customerAssetId"] = created.CustomerAssetId,
        };
    }

    public static JsonObject WorkOrder(WorkOrder order, WorkOrderStatus? previous)
    {
        ArgumentNullException.ThrowIfNull(order);
        var data = new JsonObject
        {
            ["id"] = order.Id,
            ["number"] = order.Number,
            ["caseId"] = order.CaseId,
            ["alertId"] = order.AlertId,
            ["accountId"] = order.AccountId,
            ["customerAssetId"] = order.CustomerAssetId,
            ["status"] = order.Status.ToString(),
            ["primaryIncidentType"] = order.PrimaryIncidentType.ToString(),
            ["primaryIncidentDescription"] = order.PrimaryIncidentDescription,
            ["instructions"] = order.Instructions,
        };
        if (previous is { } from)
        {
            data["previousStatus"] = from.ToString();
        }

        return data;
    }
}
