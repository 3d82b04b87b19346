using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Api.Alerts;

/// <summary>
/// Small alert requests posted in parallel share commits (group commit); each must still be answered with the results
/// of its own items, in its own order: a new alert, an invalid item, and a repeat of the first item's token that
/// points back at that request's own alert. A mix-up of requests within a shared batch fails these.
/// </summary>
public abstract class AlertGroupCommitTests
{
    private const int Requests = 60;

    protected static async Task AssertEachRequestGetsItsOwnResultsAsync(IReadOnlyList<HttpClient> clients, Guid instance)
    {
        var run = Registry.Unique("gc");
        var posts = Enumerable.Range(0, Requests).Select(i => Task.Run(() => AlertPosts.PostAsync(
            clients[i % clients.Count],
            instance,
            new { deviceId = $"{run}-{i}", description = $"Overheat {i}", token = $"{run}-token-{i}" },
            new { deviceId = $"{run}-{i}" },
            new { deviceId = $"{run}-{i}", description = $"Overheat {i} again", token = $"{run}-token-{i}" })));
        var answers = await Task.WhenAll(posts);

        var ids = new HashSet<Guid>();
        foreach (var answer in answers)
        {
            Assert.Equal(3, answer.Count);
            var (created, invalid, repeat) = (answer[0]!.AsObject(), answer[1]!.AsObject(), answer[2]!.AsObject());
            Assert.Equal([0, 1, 2], answer.Select(r => (int)r!["index"]!));
            Assert.Equal("created", (string)created["status"]!);
            Assert.Equal("invalid", (string)invalid["status"]!);
            Assert.NotNull(invalid["errors"]!["description"]);
            Assert.Equal("duplicate", (string)repeat["status"]!);
            Assert.Equal(created.AlertId(), repeat.AlertId());
            Assert.True(ids.Add(created.AlertId()), "Two requests were answered with the same alert.");
        }
    }
}

public sealed class AlertGroupCommitOnSqliteTests(SqliteServer server) : AlertGroupCommitTests, IClassFixture<SqliteServer>
{
    [Fact]
    public async Task Parallel_small_requests_are_each_answered_with_their_own_items_results()
    {
        var admin = server.Client();
        var instance = (await Registry.VendorInstanceAsync(admin)).Id();
        await AssertEachRequestGetsItsOwnResultsAsync([.. Enumerable.Range(0, 8).Select(_ => server.Client())], instance);
    }
}

public sealed class AlertGroupCommitOnPostgresTests : AlertGroupCommitTests, IAsyncLifetime
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
    public async Task Parallel_small_requests_are_each_answered_with_their_own_items_results()
    {
        await using var server = PostgresServer.On(_database!);
        await ((IAsyncLifetime)server).InitializeAsync();
        var admin = server.Client();
        var instance = (await Registry.VendorInstanceAsync(admin)).Id();
        await AssertEachRequestGetsItsOwnResultsAsync([.. Enumerable.Range(0, 8).Select(_ => server.Client())], instance);
    }
}
