using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Core.Connections;
using Fieldlink.Core.Data;
using Fieldlink.Core.DeadLetters;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Mqtt;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Tests.Hosting.Health;

/// <summary>
/// <c>/healthz/ready</c> tells the truth about what falls behind: Healthy on a quiet server, Degraded (still 200) with
/// a webhook backlog past its threshold, a delivery waiting too long, a recent dead letter, or an enabled provider
/// instance not connected; each entry says why. Each test removes the rows it adds (and the instances that would not
/// connect), so the server is quiet again for the next. On both databases.
/// </summary>
public abstract class ReadinessTests(FieldlinkServer server)
{
    public const int Backlog = 3;

    private readonly HttpClient _admin = server.Client();
    private readonly HttpClient _anonymous = server.Client(key: null);

    [Fact]
    public async Task A_quiet_server_is_Healthy_and_the_body_names_each_part()
    {
        var (status, body) = await ReadyAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", (string?)body["status"]);
        Assert.True(TimeSpan.TryParse((string?)body["totalDuration"], System.Globalization.CultureInfo.InvariantCulture, out _));
        var entries = body["entries"]!.AsObject();
        Assert.Equal(["deadLetters", "providerInstances", "store", "webhookOutbox"], entries.Select(e => e.Key).Order());
        Assert.All(entries, e =>
        {
            Assert.Equal("Healthy", (string?)e.Value!["status"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)e.Value["description"]));
            Assert.IsType<JsonObject>(e.Value["data"]);
        });
        Assert.Equal(0, (long)entries["webhookOutbox"]!["data"]!["backlog"]!);
        Assert.Equal(0, (long)entries["deadLetters"]!["data"]!["count"]!);
        Assert.IsType<JsonArray>(entries["providerInstances"]!["data"]!["notConnected"]);
    }

    [Fact]
    public async Task An_enabled_instance_that_cannot_connect_is_Degraded_and_named_and_a_disabled_one_is_not()
    {
        var port = FieldlinkProcess.FreePort();
        var (instance, _) = await MqttFixture.InstanceAsync(_admin, port);
        var name = (string)(await (await _admin.GetAsync($"/api/v1/providerInstances/{instance}")).ReadObjectAsync(HttpStatusCode.OK))["name"]!;
        try
        {
            var (status, body) = await ReadyUntilAsync(b => NotConnected(b, instance) is { } i && (string?)i["state"] == "Disconnected", "the instance Disconnected");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Degraded", (string?)body["status"]);
            var entry = body["entries"]!["providerInstances"]!;
            Assert.Equal("Degraded", (string?)entry["status"]);
            Assert.Contains($"'{name}' Disconnected since", (string?)entry["description"], StringComparison.Ordinal);
            var named = NotConnected(body, instance)!;
            Assert.Equal(name, (string?)named["name"]);
            Assert.True((DateTimeOffset)named["since"]! > DateTimeOffset.UtcNow.AddMinutes(-5));
            // The connector's words name a host and port: not on an endpoint without a key.
            Assert.Null(named["lastError"]);
            Assert.DoesNotContain($"127.0.0.1:{port}", body.ToJsonString(), StringComparison.Ordinal);

            // The gauge says the same: 1 for Disconnected, 0 for Connected.
            await WaitForMetricAsync($@"(?m)^fieldlink_provider_instance_connection_state\{{(?=[^}}]*provider_instance_id=""{instance}"")(?=[^}}]*state=""Disconnected"")[^}}]*\}} 1\b");
            await WaitForMetricAsync($@"(?m)^fieldlink_provider_instance_connection_state\{{(?=[^}}]*provider_instance=""{name}"")(?=[^}}]*state=""Connected"")[^}}]*\}} 0\b");

            // Disabled on purpose: closed, neither named nor counted, however it last stood.
            await (await _admin.PatchJsonAsync($"/api/v1/providerInstances/{instance}", new { enabled = false })).ReadObjectAsync(HttpStatusCode.OK);
            var (_, disabled) = await ReadyAsync();
            Assert.Equal("Healthy", (string?)disabled["entries"]!["providerInstances"]!["status"]);
            Assert.Null(NotConnected(disabled, instance));
            await WaitForMetricAsync($@"(?m)^fieldlink_provider_instance_connection_state\{{(?=[^}}]*provider_instance_id=""{instance}"")(?=[^}}]*state=""Disabled"")[^}}]*\}} 1\b");
        }
        finally
        {
            await _admin.DeleteAsync($"/api/v1/providerInstances/{instance}");
        }
    }

    [Fact]
    public async Task An_instance_Connecting_past_the_grace_is_Degraded_and_within_it_is_listed_but_Healthy()
    {
        // Another process's report (as one on another node writes it) that has tried to connect for an hour.
        var instance = (await Registry.InstanceAsync(_admin)).Id();
        var report = new ConnectionReport
        {
            ProviderInstanceId = instance,
            Node = "elsewhere",
            State = InstanceConnectionState.Connecting,
            Since = DateTimeOffset.UtcNow.AddHours(-1),
            ReportedAt = DateTimeOffset.UtcNow,
        };
        await using (var adding = Db())
        {
            adding.Db.ConnectionReports.Add(report);
            await adding.Db.SaveChangesAsync();
        }

        try
        {
            var (status, body) = await ReadyAsync();
            Assert.Equal(HttpStatusCode.OK, status);
            var entry = body["entries"]!["providerInstances"]!;
            Assert.Equal("Degraded", (string?)entry["status"]);
            Assert.Contains("Connecting since", (string?)entry["description"], StringComparison.Ordinal);
            Assert.Contains("longer than 30 s", (string?)entry["description"], StringComparison.Ordinal);
            Assert.Equal("Connecting", (string?)NotConnected(body, instance)!["state"]);

            // Connecting for a few seconds is what opening takes: listed, not Degraded.
            await using (var changing = Db())
            {
                await changing.Db.ConnectionReports.Where(r => r.ProviderInstanceId == instance && r.Node == "elsewhere")
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.Since, DateTimeOffset.UtcNow.AddSeconds(-5)).SetProperty(r => r.ReportedAt, DateTimeOffset.UtcNow));
            }

            var (_, within) = await ReadyAsync();
            Assert.Equal("Healthy", (string?)within["entries"]!["providerInstances"]!["status"]);
            Assert.Equal("Connecting", (string?)NotConnected(within, instance)!["state"]);
        }
        finally
        {
            await _admin.DeleteAsync($"/api/v1/providerInstances/{instance}");
        }
    }

    [Fact]
    public async Task A_backlog_past_the_threshold_is_Degraded_and_200()
    {
        var now = DateTimeOffset.UtcNow;
        var rows = Enumerable.Range(0, Backlog + 1).Select(_ => Pending(now)).ToList();
        await using (var adding = Db())
        {
            // Below the threshold first: waiting deliveries alone are no trouble.
            adding.Db.WebhookDeliveries.AddRange(rows.Skip(1));
            await adding.Db.SaveChangesAsync();
        }

        try
        {
            var (_, within) = await ReadyAsync();
            Assert.Equal("Healthy", (string?)within["entries"]!["webhookOutbox"]!["status"]);
            Assert.Equal(Backlog, (long)within["entries"]!["webhookOutbox"]!["data"]!["backlog"]!);

            await using (var adding = Db())
            {
                adding.Db.WebhookDeliveries.Add(rows[0]);
                await adding.Db.SaveChangesAsync();
            }

            var (status, body) = await ReadyAsync();
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Degraded", (string?)body["status"]);
            var outbox = body["entries"]!["webhookOutbox"]!;
            Assert.Equal("Degraded", (string?)outbox["status"]);
            Assert.Contains($"{Backlog + 1} webhook deliveries are waiting", (string?)outbox["description"], StringComparison.Ordinal);
            Assert.Equal(Backlog + 1, (long)outbox["data"]!["backlog"]!);
            Assert.Equal("Healthy", (string?)body["entries"]!["store"]!["status"]);

            // The gauge shows what the check found (once the exporter's cache of an earlier scrape, 300 ms, has passed).
            await WaitForMetricAsync($@"(?m)^fieldlink_webhooks_backlog(_[a-z]+)?(\{{.*\}})? {Backlog + 1}\b");
        }
        finally
        {
            await DeleteAsync<WebhookDelivery>(rows.Select(r => r.Id));
        }
    }

    [Fact]
    public async Task A_delivery_waiting_longer_than_the_threshold_is_Degraded()
    {
        var old = Pending(DateTimeOffset.UtcNow.AddMinutes(-10));
        await using (var adding = Db())
        {
            adding.Db.WebhookDeliveries.Add(old);
            await adding.Db.SaveChangesAsync();

            // Saving stamps CreatedAt with the time of the write: set the event's time back.
            await adding.Db.WebhookDeliveries.Where(d => d.Id == old.Id).ExecuteUpdateAsync(u => u.SetProperty(d => d.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-10)));
        }

        try
        {
            var (status, body) = await ReadyAsync();
            Assert.Equal(HttpStatusCode.OK, status);
            var outbox = body["entries"]!["webhookOutbox"]!;
            Assert.Equal("Degraded", (string?)outbox["status"]);
            Assert.Contains("the oldest has waited since", (string?)outbox["description"], StringComparison.Ordinal);
            Assert.InRange((double)outbox["data"]!["oldestPendingAgeSeconds"]!, 590, 900);
        }
        finally
        {
            await DeleteAsync<WebhookDelivery>([old.Id]);
        }
    }

    [Fact]
    public async Task A_dead_letter_within_the_window_is_Degraded_and_an_older_one_is_not()
    {
        var instance = (await Registry.InstanceAsync(_admin)).Id();
        var older = new DeadLetter { ProviderInstanceId = instance, Source = "test", Reason = "Old news", ReceivedAt = DateTimeOffset.UtcNow.AddHours(-2) };
        var recent = new DeadLetter { ProviderInstanceId = instance, Source = "test", Reason = "Not JSON", ReceivedAt = DateTimeOffset.UtcNow.AddMinutes(-1) };
        await using (var adding = Db())
        {
            adding.Db.DeadLetters.Add(older);
            await adding.Db.SaveChangesAsync();
        }

        try
        {
            var (_, quiet) = await ReadyAsync();
            Assert.Equal("Healthy", (string?)quiet["entries"]!["deadLetters"]!["status"]);

            await using (var adding = Db())
            {
                adding.Db.DeadLetters.Add(recent);
                await adding.Db.SaveChangesAsync();
            }

            var (status, body) = await ReadyAsync();
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Degraded", (string?)body["status"]);
            var deadLetters = body["entries"]!["deadLetters"]!;
            Assert.Equal("Degraded", (string?)deadLetters["status"]);
            Assert.Equal(1, (long)deadLetters["data"]!["count"]!);
            Assert.DoesNotContain("Not JSON", deadLetters.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal(instance, (Guid)deadLetters["data"]!["latestProviderInstanceId"]!);
        }
        finally
        {
            await DeleteAsync<DeadLetter>([older.Id, recent.Id]);
        }
    }

    [Fact]
    public async Task Metrics_name_the_service_fieldlink()
    {
        var metrics = await _anonymous.GetStringAsync("/metrics");

        Assert.Contains("service_name=\"fieldlink\"", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown_service", metrics, StringComparison.Ordinal);
    }

    private async Task WaitForMetricAsync(string pattern)
    {
        var metrics = "";
        for (var i = 0; i < 50; i++)
        {
            metrics = await _anonymous.GetStringAsync("/metrics");
            if (System.Text.RegularExpressions.Regex.IsMatch(metrics, pattern))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"No line matches {pattern} in /metrics: {string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith("fieldlink", StringComparison.Ordinal)))}");
    }

    /// <summary>The instance's entry in the providerInstances check's <c>data.notConnected</c>, or null.</summary>
    private static JsonNode? NotConnected(JsonNode body, Guid instance) =>
        body["entries"]!["providerInstances"]!["data"]!["notConnected"]!.AsArray().FirstOrDefault(i => (Guid)i!["providerInstanceId"]! == instance);

    private async Task<(HttpStatusCode Status, JsonNode Body)> ReadyUntilAsync(Func<JsonNode, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (status, body) = await ReadyAsync();
            if (done(body))
            {
                return (status, body);
            }

            Assert.True(DateTime.UtcNow < deadline, $"Never saw {what}; last answer: {body.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> ReadyAsync()
    {
        using var response = await _anonymous.GetAsync("/healthz/ready");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>A delivery waiting for a later try, for a subscription that does not exist: the dispatcher leaves it until it is due.</summary>
    private static WebhookDelivery Pending(DateTimeOffset createdAt) => new()
    {
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
        SubscriptionId = Guid.NewGuid(),
        MessageId = Guid.NewGuid(),
        EventType = "test",
        Payload = "{}",
        NextAttemptAt = DateTimeOffset.UtcNow.AddDays(1),
    };

    private Scoped Db() => new(server.Services.CreateAsyncScope());

    private async Task DeleteAsync<T>(IEnumerable<Guid> ids)
        where T : Entity
    {
        var list = ids.ToList();
        await using var scope = Db();
        await scope.Db.Set<T>().Where(e => list.Contains(e.Id)).ExecuteDeleteAsync();
    }

    private sealed class Scoped(AsyncServiceScope scope) : IAsyncDisposable
    {
        public FieldlinkDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}

/// <summary>A server whose backlog threshold is small enough to pass in a test.</summary>
public sealed class ReadinessSqliteServer : SqliteServer
{
    public ReadinessSqliteServer() => With("Readiness:OutboxBacklog", ReadinessTests.Backlog.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>A server whose backlog threshold is small enough to pass in a test.</summary>
public sealed class ReadinessPostgresServer : PostgresServer
{
    public ReadinessPostgresServer() => With("Readiness:OutboxBacklog", ReadinessTests.Backlog.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

public sealed class ReadinessOnSqliteTests(ReadinessSqliteServer server) : ReadinessTests(server), IClassFixture<ReadinessSqliteServer>;

public sealed class ReadinessOnPostgresTests(ReadinessPostgresServer server) : ReadinessTests(server), IClassFixture<ReadinessPostgresServer>;
