using System.Net;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Data;
using Fieldlink.Core.Fleet;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Tests.Api.Alerts;

/// <summary>
/// An auto-pull claimed by a process that died (kill -9: no hand-back) is not lost: the survivor that finds the dead
/// node's heartbeat stale releases its lease, and a survivor's next pass makes the pull, once. A lease whose owner
/// lives is never taken, however long the survivors look; one whose time ran out (its owner gone, nobody released it) is
/// claimed again. The dead process is a fleet row and a lease written as it would have left them; its lease runs for
/// an hour, so only the release can free it.
/// </summary>
public abstract class AlertAutoPullLeaseTests
{
    protected static async Task AssertDeadOwnersPullIsMadeOnceAndLivingOwnersIsKeptAsync(FieldlinkServer living, params FieldlinkServer[] others)
    {
        ArgumentNullException.ThrowIfNull(living);
        var admin = living.Client();
        await (await admin.PatchJsonAsync("/api/v1/settings", new { autoPullOnAlert = false })).ReadObjectAsync(HttpStatusCode.OK);
        var instance = await Registry.VendorInstanceAsync(admin);
        var deadDevice = await Registry.DeviceAsync(admin, instance.Id());
        var livingDevice = await Registry.DeviceAsync(admin, instance.Id());
        var expiredDevice = await Registry.DeviceAsync(admin, instance.Id());
        var deadAlert = (await AlertPosts.CreateAsync(admin, instance.Id(), new { deviceId = (string)deadDevice["deviceId"]!, description = "Overheat" })).AlertId();
        var expiredAlert = (await AlertPosts.CreateAsync(admin, instance.Id(), new { deviceId = (string)expiredDevice["deviceId"]!, description = "Overheat" })).AlertId();
        var livingAlert = (await AlertPosts.CreateAsync(admin, instance.Id(), new { deviceId = (string)livingDevice["deviceId"]!, description = "Overheat" })).AlertId();

        var dead = Guid.NewGuid();
        var livingOwner = living.Services.GetRequiredService<ThisNode>().NewClaim();
        var now = DateTimeOffset.UtcNow;
        await using (var scope = living.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            db.FleetNodes.Add(new FleetNode { Name = Registry.Unique("killed"), Incarnation = dead, Host = "gone", ProcessId = 1, StartedAt = now.AddHours(-1), HeartbeatAt = now.AddMinutes(-1) });
            await db.SaveChangesAsync();
            await LeaseAsync(db, deadAlert, ThisNode.LeasePrefix(dead) + Guid.NewGuid().ToString("N"), now.AddHours(1));
            await LeaseAsync(db, livingAlert, livingOwner, now.AddHours(1));
            await LeaseAsync(db, expiredAlert, ThisNode.LeasePrefix(Guid.NewGuid()) + "claim", now.AddSeconds(-1));
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        Alert made;
        while ((made = await ReadAsync(living, deadAlert)).DataHistoryId is null || (await ReadAsync(living, expiredAlert)).DataHistoryId is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"An auto-pull was never made (the dead process's lease owner: {made.AutoPullLeaseOwner}).");
            await Task.Delay(100);
        }

        // Every survivor has had a pass after the pull (the poll interval is 5 s): none makes it again.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var history = await (await admin.GetAsync($"/api/v1/devices/{deadDevice.Id()}/dataHistory")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(made.DataHistoryId, Assert.Single(history["value"]!.AsArray())!.AsObject().Id());
        made = await ReadAsync(living, deadAlert);
        Assert.Equal((false, null, null), (made.AutoPullPending, made.AutoPullLeaseOwner, made.AutoPullLeaseUntil));

        var expired = await ReadAsync(living, expiredAlert);
        var expiredHistory = await (await admin.GetAsync($"/api/v1/devices/{expiredDevice.Id()}/dataHistory")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(expired.DataHistoryId, Assert.Single(expiredHistory["value"]!.AsArray())!.AsObject().Id());
        Assert.Equal((false, null), (expired.AutoPullPending, expired.AutoPullLeaseOwner));

        var kept = await ReadAsync(living, livingAlert);
        Assert.Equal((true, livingOwner, (Guid?)null), (kept.AutoPullPending, kept.AutoPullLeaseOwner, kept.DataHistoryId));
        var none = await (await admin.GetAsync($"/api/v1/devices/{livingDevice.Id()}/dataHistory")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Empty(none["value"]!.AsArray());
        foreach (var other in others)
        {
            Assert.Equal(made.DataHistoryId, (await ReadAsync(other, deadAlert)).DataHistoryId);
        }
    }

    private static async Task LeaseAsync(FieldlinkDbContext db, Guid alertId, string owner, DateTimeOffset until) =>
        await db.Alerts.Where(a => a.Id == alertId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.AutoPullPending, true).SetProperty(a => a.AutoPullLeaseOwner, owner).SetProperty(a => a.AutoPullLeaseUntil, until));

    private static async Task<Alert> ReadAsync(FieldlinkServer server, Guid alertId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>().Alerts.AsNoTracking().SingleAsync(a => a.Id == alertId);
    }
}

public sealed class AlertAutoPullLeaseOnSqliteTests(SqliteServer server) : AlertAutoPullLeaseTests, IClassFixture<SqliteServer>
{
    [Fact]
    public Task A_dead_process_s_auto_pull_is_released_and_made_once_and_a_living_owner_s_is_kept() =>
        AssertDeadOwnersPullIsMadeOnceAndLivingOwnersIsKeptAsync(server);
}

public sealed class AlertAutoPullLeaseOnPostgresTests : AlertAutoPullLeaseTests, IAsyncLifetime
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
    public async Task A_dead_process_s_auto_pull_is_released_and_made_once_by_two_survivors_and_a_living_owner_s_is_kept()
    {
        await using var first = PostgresServer.On(_database!);
        await using var second = PostgresServer.On(_database!);
        await ((IAsyncLifetime)first).InitializeAsync();
        await ((IAsyncLifetime)second).InitializeAsync();
        await AssertDeadOwnersPullIsMadeOnceAndLivingOwnersIsKeptAsync(first, second);
    }
}
