using Fieldlink.Core.Alerts;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Storage.Tests;

/// <summary>
/// Alerts' auto-pull leases, on the fake clock: a survivor that finds a node dead releases the auto-pulls that node had
/// claimed, in the same pass as its commands and deliveries, and leaves those of a node that beats; a pull already
/// made keeps what it has.
/// </summary>
public abstract partial class StoreTests
{
    [Fact]
    public async Task Fleet_a_survivor_releases_a_dead_node_s_auto_pulls_and_never_a_living_node_s()
    {
        await using var a = FleetProcess("node-a");
        await using var b = FleetProcess("node-b");
        await a.Heartbeat.ClaimAsync(CancellationToken.None);
        await b.Heartbeat.ClaimAsync(CancellationToken.None);
        var instance = await AddInstanceAsync();
        var aPending = await LeasedAlertAsync(instance.Id, a.Node.NewClaim(), pending: true);
        var aMade = await LeasedAlertAsync(instance.Id, a.Node.NewClaim(), pending: false);
        var bPending = await LeasedAlertAsync(instance.Id, b.Node.NewClaim(), pending: true);

        // Both beat for twice the dead time: nothing is released.
        for (var second = 0; second < 20; second++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await a.Heartbeat.RunOnceAsync(CancellationToken.None);
            await b.Heartbeat.RunOnceAsync(CancellationToken.None);
        }

        Assert.NotNull((await ReloadAsync<Alert>(aPending)).AutoPullLeaseOwner);

        // A stops beating: B releases A's pending auto-pull within the dead time and one beat.
        for (var second = 0; second <= (FleetDefaults.DeadAfter + FleetDefaults.HeartbeatInterval).TotalSeconds; second++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await b.Heartbeat.RunOnceAsync(CancellationToken.None);
        }

        var released = await ReloadAsync<Alert>(aPending);
        Assert.Equal((true, null, null), (released.AutoPullPending, released.AutoPullLeaseOwner, released.AutoPullLeaseUntil));
        Assert.NotNull((await ReloadAsync<Alert>(aMade)).AutoPullLeaseOwner);
        Assert.Equal(b.Node.Incarnation, Guid.ParseExact((await ReloadAsync<Alert>(bPending)).AutoPullLeaseOwner![..32], "N"));
    }

    /// <summary>An alert whose auto-pull <paramref name="owner"/> claimed; <paramref name="pending"/> false stands for a row no release should touch.</summary>
    private async Task<Guid> LeasedAlertAsync(Guid instanceId, string owner, bool pending)
    {
        var alert = new Alert
        {
            ProviderInstanceId = instanceId,
            DeviceId = "pump-" + Guid.NewGuid().ToString("N")[..8],
            Description = "Overheat",
            GroupKey = Guid.NewGuid().ToString("N"),
            AlertTime = Time.GetUtcNow(),
            LastOccurrenceAt = Time.GetUtcNow(),
            AutoPullPending = pending,
            AutoPullLeaseOwner = owner,
            AutoPullLeaseUntil = Time.GetUtcNow().AddHours(1),
        };
        await AddAsync(alert);
        return alert.Id;
    }
}
