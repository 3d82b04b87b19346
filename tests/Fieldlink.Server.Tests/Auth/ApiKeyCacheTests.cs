using System.Diagnostics;
using System.Net;
using Fieldlink.Core.Auth;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Storage.Postgres;
using Fieldlink.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Server.Tests.Auth;

/// <summary>
/// The keys a server remembers (<see cref="ApiKeyCache"/>, on PostgreSQL) must never outlive their revocation: a key
/// that was just used, and so is remembered, is refused by the very next request once it is revoked.
/// </summary>
public abstract class ApiKeyCacheTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_key_remembered_from_its_last_request_is_refused_by_the_first_request_after_its_revocation()
    {
        var created = await _admin.CreateAsync("apiKeys", new { name = "leaked", role = "Technician" });
        var client = server.Client((string)created["key"]!);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/devices")).StatusCode);
        }

        // PostgreSQL remembers keys; SQLite, whose CLI revokes from a process no server hears, does not.
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var remembers = scope.ServiceProvider.GetRequiredService<ApiKeyStore>().ChangesReachOtherProcesses;
            Assert.Equal(remembers, server.Services.GetRequiredService<ApiKeyCache>().Count > 0);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/apiKeys/{created.Id()}")).StatusCode);

        await (await client.GetAsync("/api/v1/devices")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_remembered_key_s_new_role_applies_to_the_next_request()
    {
        var created = await _admin.CreateAsync("apiKeys", new { name = "console", role = "Administrator" });
        var client = server.Client((string)created["key"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/apiKeys")).StatusCode);

        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Core.Data.FieldlinkDbContext>();
            var key = await db.ApiKeys.FindAsync(created.Id());
            key!.Role = ApiKeyRole.Technician;
            await db.SaveChangesAsync();
        }

        await (await client.GetAsync("/api/v1/apiKeys")).ReadProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class ApiKeyCacheOnSqliteTests(SqliteServer server) : ApiKeyCacheTests(server), IClassFixture<SqliteServer>;

public sealed class ApiKeyCacheOnPostgresTests(PostgresServer server) : ApiKeyCacheTests(server), IClassFixture<PostgresServer>;

/// <summary>
/// Two servers on one PostgreSQL database, each with its own memory of keys (as two processes of a fleet): a key
/// revoked through one is refused by the other well within <see cref="ApiKeyCache.MaxAge"/>, so by the change's
/// announcement, not by the age of what the other remembered.
/// </summary>
public sealed class ApiKeyCacheAcrossServersTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private PostgresServer _a = null!;
    private PostgresServer _b = null!;

    [Fact]
    public async Task A_key_revoked_through_one_server_is_refused_by_the_other_within_a_second()
    {
        using var admin = _a.Client();
        var created = await admin.CreateAsync("apiKeys", new { name = "leaked", role = "Technician" });
        var onB = _b.Client((string)created["key"]!);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/v1/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/v1/devices")).StatusCode);
        Assert.True(_b.Services.GetRequiredService<ApiKeyCache>().Count > 0, "B did not remember the key, so this test would not test the cache.");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/apiKeys/{created.Id()}")).StatusCode);
        var revoked = Stopwatch.StartNew();
        while ((await onB.GetAsync("/api/v1/devices")).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(revoked.Elapsed < TimeSpan.FromSeconds(1), "B still took the revoked key a second after its revocation.");
            await Task.Delay(10);
        }
    }

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        _a = PostgresServer.On(_database);
        await ((IAsyncLifetime)_a).InitializeAsync();
        _b = PostgresServer.On(_database);
        await ((IAsyncLifetime)_b).InitializeAsync();
        var listener = _b.Services.GetRequiredService<PostgresChangeListener>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (listener.Connections == 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "B's change listener did not connect.");
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_b).DisposeAsync();
        await ((IAsyncLifetime)_a).DisposeAsync();
        await _database.DisposeAsync();
    }
}
