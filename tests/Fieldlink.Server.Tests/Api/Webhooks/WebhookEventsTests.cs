using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Server.Tests.Api.Commands;
using Fieldlink.Server.Tests.Api.Cases;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using StandardWebhooks;

namespace Fieldlink.Server.Tests.Api.Webhooks;

/// <summary>
/// Events reach a real receiver signed per Standard Webhooks (checked with an independent implementation), for every
/// event type, only when wanted; 410, redirects, slow endpoints and long answers are handled. Both databases.
/// </summary>
public abstract class WebhookEventsTests(FieldlinkServer server) : IAsyncLifetime
{
    private readonly HttpClient _admin = server.Client();
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await Webhooks.DeleteAllAsync(_admin);
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task New_and_grouped_alerts_are_delivered_signed_so_Standard_Webhooks_verifies_them()
    {
        var subscription = await Webhooks.SubscribeAsync(_admin, _receiver.Url(), "alert.created", "alert.grouped");
        var secret = (string)subscription["secret"]!;
        var instance = await Registry.VendorInstanceAsync(_admin);
        var first = await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = "hvac-1", description = "Fan stalled" });
        var repeat = await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = "hvac-1", description = "Fan stalled" });

        var received = await _receiver.WaitForAsync(r => r.Count >= 2, "two alert events");

        Assert.Equal(2, received.Count);
        var created = Assert.Single(received, r => r.Type == "alert.created");
        var grouped = Assert.Single(received, r => r.Type == "alert.grouped");
        Assert.Equal(first.AlertId(), Guid.Parse((string)created.Json["data"]!["id"]!));
        Assert.Equal(repeat.AlertId(), Guid.Parse((string)grouped.Json["data"]!["id"]!));
        Assert.Equal(first.AlertId(), Guid.Parse((string)grouped.Json["data"]!["parentAlertId"]!));
        Assert.Equal("Fan stalled", (string)created.Json["data"]!["description"]!);
        Assert.NotNull(created.Json["timestamp"]);
        foreach (var request in received)
        {
            Assert.StartsWith("msg_", request.Id, StringComparison.Ordinal);
            new StandardWebhook(secret).Verify(request.Body, request.Headers);
            Assert.True(FieldlinkWebhook.Verify(secret, request.Id, request.Headers["webhook-timestamp"]!, request.Headers["webhook-signature"]!, request.Body, TimeSpan.FromMinutes(5)));
        }

        var other = WebhookSigningSecret();
        Assert.ThrowsAny<Exception>(() => new StandardWebhook(other).Verify(created.Body, created.Headers));
        Assert.False(FieldlinkWebhook.Verify(other, created.Id, created.Headers["webhook-timestamp"]!, created.Headers["webhook-signature"]!, created.Body, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task Every_event_type_of_a_field_service_flow_is_delivered_once()
    {
        await Webhooks.SubscribeAsync(_admin, _receiver.Url());
        var instance = await Registry.VendorInstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id(), deviceId: Registry.Unique("chiller"));
        var deviceId = (string)device["deviceId"]!;

        await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/register", null)).ReadObjectAsync(HttpStatusCode.OK);
        await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/pull", null)).ReadObjectAsync(HttpStatusCode.OK);
        var command = await CommandsTests.SendAsync(_admin, device.Id(), "Reset Thermostat");
        await CommandsTests.WaitForAsync(_admin, command.Id(), "Succeeded");
        var alert = await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId, description = "Leak" });
        await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId, description = "Leak" });
        var caseRecord = await CaseScenario.CaseAsync(_admin, alert.AlertId());
        var order = await CaseScenario.WorkOrderAsync(_admin, caseRecord.Id());
        await CaseScenario.MoveAsync(_admin, "workOrders", order.Id(), "Scheduled");

        string[] expected =
        [
            "device.registered", "device.data_pulled", "command.status_changed", "alert.created", "alert.grouped",
            "case.created", "alert.status_changed", "workorder.created", "workorder.status_changed",
        ];
        var received = await _receiver.WaitForAsync(r => expected.All(t => r.Any(x => x.Type == t)) && r.Count(x => x.Type == "workorder.status_changed") == 1, "every event type");

        Assert.Equal(received.Count, received.Select(r => r.Id).Distinct().Count());
        Assert.Equal("Registered", (string)received.Single(r => r.Type == "device.registered").Json["data"]!["registrationStatus"]!);
        Assert.Equal("Succeeded", (string)received.First(r => r.Type == "device.data_pulled").Json["data"]!["outcome"]!);
        var commandStatuses = received.Where(r => r.Type == "command.status_changed").Select(r => (string)r.Json["data"]!["status"]!).ToList();
        Assert.Contains("Succeeded", commandStatuses);
        Assert.Equal(caseRecord.Id(), Guid.Parse((string)received.Single(r => r.Type == "case.created").Json["data"]!["id"]!));

        // The case put both alerts of the group in progress: one status event each.
        var moved = received.Where(r => r.Type == "alert.status_changed").Select(r => r.Json["data"]!).ToList();
        Assert.Equal(2, moved.Count);
        Assert.All(moved, m => Assert.Equal("InProgress", (string)m!["status"]!));
        var scheduled = received.Single(r => r.Type == "workorder.status_changed").Json["data"]!;
        Assert.Equal(("Unscheduled", "Scheduled"), ((string)scheduled["previousStatus"]!, (string)scheduled["status"]!));
    }

    [Fact]
    public async Task No_outbox_row_is_written_for_an_event_type_nobody_wants()
    {
        var subscription = await Webhooks.SubscribeAsync(_admin, _receiver.Url(), "case.created");
        var instance = await Registry.VendorInstanceAsync(_admin);
        var alert = await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = "pump-1", description = "Dry run" });
        await CaseScenario.CaseAsync(_admin, alert.AlertId());

        await _receiver.WaitForAsync(r => r.Count >= 1, "the case event");
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var types = await db.WebhookDeliveries.Where(d => d.SubscriptionId == subscription.Id()).Select(d => d.EventType).ToListAsync();
        Assert.Equal(["case.created"], types);
    }

    [Fact]
    public async Task Alert_events_are_written_in_the_alerts_transaction_and_vanish_with_its_rollback()
    {
        var subscription = await Webhooks.SubscribeAsync(_admin, _receiver.Url(), "alert.created");
        var instance = await Registry.VendorInstanceAsync(_admin);
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var outcomes = await scope.ServiceProvider.GetRequiredService<Core.Alerts.AlertIngestion>()
                .IngestAsync(instance.Id(), [new Sdk.AlertReport("valve-1", "Stuck open"), new Sdk.AlertReport("valve-2", "Stuck shut")], CancellationToken.None);
            Assert.All(outcomes, o => Assert.Equal(Core.Ingestion.IngestionStatus.Created, o.Status));
            Assert.Equal(2, await db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == subscription.Id()));
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == subscription.Id()));
        Assert.Equal(0, await db.Alerts.CountAsync(a => a.ProviderInstanceId == instance.Id()));
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_sign_and_each_verifies()
    {
        var subscription = await Webhooks.SubscribeAsync(_admin, _receiver.Url(), "alert.created");
        var old = (string)subscription["secret"]!;
        var rotated = await (await _admin.PostJsonAsync($"/api/v1/webhooks/{subscription.Id()}/rotateSecret", new { overlapSeconds = 3600 })).ReadObjectAsync(HttpStatusCode.OK);
        var current = (string)rotated["secret"]!;
        Assert.NotEqual(old, current);
        Assert.NotNull(rotated["previousSecretUntil"]);

        var instance = await Registry.VendorInstanceAsync(_admin);
        await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = "boiler-1", description = "Low pressure" });
        var request = (await _receiver.WaitForAsync(r => r.Count >= 1, "the alert"))[0];

        var signatures = request.Headers["webhook-signature"].ToString().Split(' ');
        Assert.Equal(2, signatures.Length);

        // Each signature on its own, as StandardWebhooks 1.1.2 only checks the first of several.
        new StandardWebhook(current).Verify(request.Body, WithSignature(request, signatures[0]));
        new StandardWebhook(old).Verify(request.Body, WithSignature(request, signatures[1]));
        Assert.True(FieldlinkWebhook.Verify(old, request.Id, request.Headers["webhook-timestamp"]!, request.Headers["webhook-signature"]!, request.Body, TimeSpan.FromMinutes(5)));
        Assert.ThrowsAny<Exception>(() => new StandardWebhook(old).Verify(request.Body, WithSignature(request, signatures[0])));
        var read = await (await _admin.GetAsync($"/api/v1/webhooks/{subscription.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Null(read["secret"]);
    }

    [Fact]
    public async Task An_endpoint_that_answers_410_disables_its_subscription()
    {
        _receiver.Reply = _ => new WebhookReceiver.Answer(410);
        var subscription = await Webhooks.SubscribeAsync(_admin, _receiver.Url(), "alert.created");
        var instance = await Registry.VendorInstanceAsync(_admin);
        await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = "ahu-1", description = "Belt worn" });

        var dead = await Webhooks.WaitForDeliveryAsync(_admin, subscription.Id(), d => (string)d["status"]! == "Dead", "Dead");

        Assert.Equal(1, (int)dead["attempts"]!);
        Assert.Equal(410, (int)dead["lastStatusCode"]!);
        var read = await (await _admin.GetAsync($"/api/v1/webhooks/{subscription.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.False((bool)read["enabled"]!);
        Assert.Contains("410", (string)read["disabledReason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_only_the_start_of_a_long_answer_is_kept()
    {
        _receiver.Reply = r => r.Path == "/hook"
            ? new WebhookReceiver.Answer(307, Location: _receiver.Url("/elsewhere"), Body: new string('x', 100_000))
            : new WebhookReceiver.Answer(204);
        var subscription = await Webhooks.SubscribeAsync(_admin, _receiver.Url(), "alert.created");
        var instance = await Registry.VendorInstanceAsync(_admin);
        await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = "ahu-2", description = "Filter clogged" });

        var tried = await Webhooks.WaitForDeliveryAsync(_admin, subscription.Id(), d => (int)d["attempts"]! >= 1, "attempted");

        Assert.Equal("Pending", (string)tried["status"]!);
        var attempt = tried["attemptLog"]![0]!;
        Assert.Equal(307, (int)attempt["statusCode"]!);
        Assert.Equal(1024, ((string)attempt["response"]!).Length);
        Assert.DoesNotContain(_receiver.Requests, r => r.Path == "/elsewhere");
    }

    [Fact]
    public async Task An_endpoint_that_does_not_answer_in_time_fails_the_attempt()
    {
        _receiver.Reply = _ => new WebhookReceiver.Answer(204, Delay: TimeSpan.FromSeconds(30));
        var subscription = await Webhooks.SubscribeAsync(_admin, _receiver.Url(), "alert.created");
        var instance = await Registry.VendorInstanceAsync(_admin);
        await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = "ahu-3", description = "No airflow" });

        var tried = await Webhooks.WaitForDeliveryAsync(_admin, subscription.Id(), d => (int)d["attempts"]! >= 1, "attempted");

        Assert.Equal("Pending", (string)tried["status"]!);
        Assert.Null(tried["lastStatusCode"]);
        Assert.Contains("did not answer within 2 s", (string)tried["lastError"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivered_event_is_sent_again_by_hand_with_the_same_webhook_id()
    {
        var subscription = await Webhooks.SubscribeAsync(_admin, _receiver.Url(), "alert.created");
        var instance = await Registry.VendorInstanceAsync(_admin);
        await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = "ahu-4", description = "Damper stuck" });
        var delivered = await Webhooks.WaitForDeliveryAsync(_admin, subscription.Id(), d => (string)d["status"]! == "Succeeded", "Succeeded");

        var again = await _admin.PostAsync($"/api/v1/webhooks/{subscription.Id()}/deliveries/{delivered.Id()}/redeliver", null);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var received = await _receiver.WaitForAsync(r => r.Count >= 2, "the redelivery");
        Assert.Equal(received[0].Id, received[1].Id);
        Assert.Equal(received[0].Body, received[1].Body);
        Assert.Equal((string)delivered["messageId"]!, received[0].Id);
    }

    private static HeaderDictionary WithSignature(WebhookReceiver.Received request, string signature) => new()
    {
        ["webhook-id"] = request.Headers["webhook-id"],
        ["webhook-timestamp"] = request.Headers["webhook-timestamp"],
        ["webhook-signature"] = signature,
    };

    private static string WebhookSigningSecret() => Sdk.StandardWebhookSignature.NewSecret();
}

public sealed class WebhookEventsOnSqliteTests(WebhookSqliteServer server) : WebhookEventsTests(server), IClassFixture<WebhookSqliteServer>;

public sealed class WebhookEventsOnPostgresTests(WebhookPostgresServer server) : WebhookEventsTests(server), IClassFixture<WebhookPostgresServer>;
