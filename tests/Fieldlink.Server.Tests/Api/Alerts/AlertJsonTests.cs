using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Fieldlink.Server.Api.Alerts;
using Fieldlink.Server.Api.Json;

namespace Fieldlink.Server.Tests.Api.Alerts;

/// <summary>
/// An alert's JSON is written in two places on purpose: the API's <see cref="AlertRead"/> (the whole record) and the
/// webhook events' <see cref="WebhookPayloads.Alert"/> (the documented subset, in docs/webhooks.md's order). What they
/// share must read the same, so a client can match an event's alert with the API's.
/// </summary>
public sealed class AlertJsonTests
{
    [Fact]
    public void Every_field_of_the_webhook_alert_is_the_APIs_field_of_that_name_with_the_same_value()
    {
        var alert = new Alert
        {
            Id = Guid.CreateVersion7(),
            ProviderId = Guid.CreateVersion7(),
            ProviderInstanceId = Guid.CreateVersion7(),
            DeviceId = "pump-7",
            DeviceRecordId = Guid.CreateVersion7(),
            CustomerAssetId = Guid.CreateVersion7(),
            AccountId = Guid.CreateVersion7(),
            AlertType = AlertType.PreventiveMaintenance,
            Description = "Compressor overheat + \"quoted\" <b>",
            AlertTime = new DateTimeOffset(2026, 11, 29, 7, 59, 58, 123, TimeSpan.Zero),
            Data = """{"temperature":96.5,"note":"ünïcode + <tag>"}""",
            Token = "acme-evt-1234",
            Url = "https://acme.example/events/1234?a=1&b=2",
            Status = AlertStatus.Closed,
            StatusReason = AlertStatusReason.CaseResolved,
            ParentAlertId = Guid.CreateVersion7(),
            CaseId = Guid.CreateVersion7(),
            GroupKey = "group",
            ChildCount = 2,
            LastOccurrenceAt = new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero),
            CreatedAt = new DateTimeOffset(2026, 11, 29, 8, 0, 0, 456, TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(2026, 11, 29, 8, 1, 0, TimeSpan.Zero),
        };

        var webhook = JsonNode.Parse(WebhookPayloads.Alert(alert).ToJsonString(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!.AsObject();
        var api = JsonNode.Parse(JsonSerializer.Serialize(AlertRead.From(alert), ApiJson.Options))!.AsObject();

        Assert.NotEmpty(webhook);
        foreach (var (name, value) in webhook)
        {
            Assert.True(api.ContainsKey(name), $"The API's alert has no '{name}'");
            Assert.True(JsonNode.DeepEquals(value, api[name]), $"'{name}' is {value?.ToJsonString()} in the webhook event but {api[name]?.ToJsonString()} in the API");
        }
    }
}
