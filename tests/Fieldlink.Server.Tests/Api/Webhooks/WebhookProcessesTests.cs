using System.Net;
using Fieldlink.Core.Data;
using Fieldlink.Core.Webhooks;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Tests.Api.Webhooks;

/// <summary>
/// The outbox outlives the process: events written by a server that stops before delivering them are delivered once
/// by the next; and two servers on one database deliver each event once between them.
/// </summary>
public abstract class WebhookProcessesTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    protected abstract FieldlinkServer NewServer();

    public virtual async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public virtual async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Events_written_before_a_restart_are_delivered_once_after_it()
    {
        Guid subscription;
        await using (var first = await StartAsync(delivering: false))
        {
            var admin = first.Client();
            subscription = (await Webhooks.SubscribeAsync(admin, _receiver.Url(), "alert.created")).Id();
            var instance = await Registry.VendorInstanceAsync(admin);
            await AlertPosts.PostAsync(admin, instance.Id(), [.. Enumerable.Range(0, 5).Select(i => new { deviceId = $"unit-{i}", description = "Overheating" })]);
            Assert.Empty(_receiver.Requests);
        }

        await using var second = await StartAsync(delivering: true);
        await Webhooks.WaitForDeliveryAsync(second.Client(), subscription, _ => true, "listed");
        var received = await _receiver.WaitForAsync(r => r.Count >= 5, "five events");
        await AllSettledAsync(second, 5);
        Assert.Equal(5, _receiver.Requests.Count);
        Assert.Equal(5, received.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task Alerts_go_in_while_another_process_still_has_a_just_deleted_subscription_and_its_rows_are_dropped()
    {
        await using var deleting = await StartAsync(delivering: true);
        var admin = deleting.Client();
        var subscription = (await Webhooks.SubscribeAsync(admin, _receiver.Url(), "alert.created")).Id();
        var instance = await Registry.VendorInstanceAsync(admin);

        // This process reads the subscription with its first alert and keeps it for a minute.
        await using var writing = await StartAsync(delivering: false, cacheLifetime: TimeSpan.FromMinutes(1));
        await AlertPosts.CreateAsync(writing.Client(), instance.Id(), new { deviceId = "unit-1", description = "Overheating" });
        (await admin.DeleteAsync($"/api/v1/webhooks/{subscription}")).EnsureSuccessStatusCode();

        var late = await AlertPosts.CreateAsync(writing.Client(), instance.Id(), new { deviceId = "unit-2", description = "Overheating" });

        Assert.Equal("created", (string)late["status"]!);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (await CountDeliveriesAsync(deleting) > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The deleted subscription's deliveries were not dropped.");
            await Task.Delay(50);
        }
    }

    private static async Task<int> CountDeliveriesAsync(FieldlinkServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>().WebhookDeliveries.CountAsync();
    }

    protected async Task<FieldlinkServer> StartAsync(bool delivering, int batchSize = 50, TimeSpan? cacheLifetime = null)
    {
        var server = NewServer()
            .With("Webhooks:DispatcherEnabled", delivering ? "true" : "false")
            .With("Webhooks:BatchSize", batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Webhooks:SubscriptionCacheLifetime", (cacheLifetime ?? TimeSpan.FromSeconds(2)).ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        WebhookSettings.Apply(server);
        await ((IAsyncLifetime)server).InitializeAsync();
        return server;
    }

    protected WebhookReceiver Receiver => _receiver;

    /// <summary>Waits until the store holds <paramref name="count"/> deliveries and all have succeeded; each needed one attempt.</summary>
    protected static async Task AllSettledAsync(FieldlinkServer server, int count)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var scope = server.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            var rows = await db.WebhookDeliveries.AsNoTracking().Select(d => new { d.Status, d.Attempts }).ToListAsync();
            if (rows.Count == count && rows.All(r => r.Status == WebhookDeliveryStatus.Succeeded))
            {
                Assert.All(rows, r => Assert.Equal(1, r.Attempts));
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"Not all {count} deliveries succeeded: {rows.Count} rows, {rows.Count(r => r.Status == WebhookDeliveryStatus.Succeeded)} succeeded.");
            await Task.Delay(50);
        }
    }
}

public sealed class WebhookProcessesOnSqliteTests : WebhookProcessesTests
{
    private readonly TempDirectory _directory = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    protected override FieldlinkServer NewServer() => SqliteServer.At(Path.Combine(_directory.Path, "fieldlink.db"));
}

public sealed class WebhookProcessesOnPostgresTests : WebhookProcessesTests
{
    private TestDatabase? _database;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _database = await TestPostgres.CreateDatabaseAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override FieldlinkServer NewServer() => PostgresServer.On(_database!);

    [Fact]
    public async Task Two_processes_on_one_database_deliver_each_event_once()
    {
        await using var a = await StartAsync(delivering: true, batchSize: 5);
        var admin = a.Client();
        await Webhooks.SubscribeAsync(admin, Receiver.Url(), "alert.created");
        await using var b = await StartAsync(delivering: true, batchSize: 5);
        var instance = await Registry.VendorInstanceAsync(admin);

        // Both processes write and both deliver: 20 batches of 10 alerts, alternately through each.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(batch => AlertPosts.PostAsync(
            (batch % 2 == 0 ? a : b).Client(), instance.Id(), [.. Enumerable.Range(0, 10).Select(i => new { deviceId = $"unit-{batch}-{i}", description = "Overheating" })])));

        var received = await Receiver.WaitForAsync(r => r.Count >= 200, "200 events");
        await AllSettledAsync(a, 200);
        Assert.Equal(200, Receiver.Requests.Count);
        Assert.Equal(200, received.Select(r => r.Id).Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await b.Client().GetAsync("/healthz")).StatusCode);
    }
}
