using System.Net;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Api.Alerts;

/// <summary>
/// The problem users hit elsewhere: alerts arriving milliseconds apart make duplicate parents. Here 200 alerts for
/// one device, posted in parallel by many clients, make one parent and 199 children, and none is lost.
/// </summary>
public abstract class AlertConcurrencyTests
{
    private const int Alerts = 200;

    protected static async Task AssertOneParentAsync(IReadOnlyList<HttpClient> clients, HttpClient reader, Guid instance)
    {
        var device = Registry.Unique("hot");
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var posts = Enumerable.Range(0, Alerts).Select(i => Task.Run(() => AlertPosts.CreateAsync(
            clients[i % clients.Count], instance, new { deviceId = device, description = $"Overheat {i}", alertTime = at.AddMilliseconds(i % 7), token = $"burst-{i}" })));
        var results = await Task.WhenAll(posts);

        var parents = results.Where(r => r.ParentId() is null).ToList();
        var parent = Assert.Single(parents);
        Assert.All(results.Where(r => r.ParentId() is not null), r => Assert.Equal(parent.AlertId(), r.ParentId()));
        var stored = await (await reader.GetAsync($"/api/v1/alerts?$filter=deviceId eq '{device}'&$count=true&$top=1")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(Alerts, (int)stored["@odata.count"]!);
        var read = await AlertPosts.ReadAsync(reader, parent.AlertId());
        Assert.Equal(Alerts - 1, (int)read["childCount"]!);
    }
}

public sealed class AlertConcurrencyOnSqliteTests(SqliteServer server) : AlertConcurrencyTests, IClassFixture<SqliteServer>
{
    [Fact]
    public async Task Two_hundred_parallel_alerts_for_one_device_make_one_parent()
    {
        var admin = server.Client();
        var instance = (await Registry.VendorInstanceAsync(admin)).Id();
        await AssertOneParentAsync([.. Enumerable.Range(0, 8).Select(_ => server.Client())], admin, instance);
    }
}

public sealed class AlertConcurrencyOnPostgresTests : AlertConcurrencyTests, IAsyncLifetime
{
    private TestDatabase? _database;

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_hundred_parallel_alerts_through_two_server_processes_make_one_parent()
    {
        await using var first = PostgresServer.On(_database!);
        await using var second = PostgresServer.On(_database!);
        await ((IAsyncLifetime)first).InitializeAsync();
        await ((IAsyncLifetime)second).InitializeAsync();
        var admin = first.Client();
        var instance = (await Registry.VendorInstanceAsync(admin)).Id();

        await AssertOneParentAsync([.. Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? first : second).Client())], admin, instance);
    }
}
