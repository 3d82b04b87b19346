using Fieldlink.Core.Commands;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Fleet;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Fieldlink.Storage.Tests;

/// <summary>
/// The fleet of processes on one store, on the fake clock: a node name is held by one living process, a restart after
/// a crash takes its name over, and a survivor releases a dead node's leases once its heartbeat is
/// <see cref="FleetOptions.DeadAfter"/> old (never while it beats). Each "process" is a <see cref="FleetHeartbeat"/>
/// whose beats the test runs one by one.
/// </summary>
public abstract partial class StoreTests
{
    private static readonly FleetOptions FleetDefaults = new();

    [Fact]
    public async Task Fleet_a_second_process_under_a_living_process_s_node_name_refuses_to_start_naming_the_setting()
    {
        await using var first = FleetProcess("pump-house");
        await first.Heartbeat.ClaimAsync(CancellationToken.None);
        await using var second = FleetProcess("pump-house");

        var claim = second.Heartbeat.ClaimAsync(CancellationToken.None);
        await RunUntilAsync(claim, first);

        var refusal = await Assert.ThrowsAsync<NodeNameTakenException>(() => claim);
        Assert.Contains("'pump-house'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Connectors:Node", refusal.Message, StringComparison.Ordinal);
        await using var db = NewContext();
        Assert.Equal(first.Node.Incarnation, (await db.FleetNodes.SingleAsync()).Incarnation);
    }

    [Fact]
    public async Task Fleet_a_restart_after_a_crash_takes_the_name_over_once_the_heartbeat_is_DeadAfter_old_and_releases_what_it_held()
    {
        await using var crashed = FleetProcess("pump-house");
        await crashed.Heartbeat.ClaimAsync(CancellationToken.None);
        var held = await LeasedCommandAsync(crashed.Node.LeaseOwner("intake"));
        var crashedAt = Time.GetUtcNow();

        await using var restarted = FleetProcess("pump-house");
        var claim = restarted.Heartbeat.ClaimAsync(CancellationToken.None);
        await RunUntilAsync(claim);

        await claim;
        Assert.True(Time.GetUtcNow() - crashedAt > FleetDefaults.DeadAfter);
        await using var db = NewContext();
        Assert.Equal(restarted.Node.Incarnation, (await db.FleetNodes.SingleAsync()).Incarnation);
        var command = await db.Commands.AsNoTracking().SingleAsync(c => c.Id == held);
        Assert.Equal((null, null), (command.LeaseOwner, command.LeaseUntil));
    }

    [Fact]
    public async Task Fleet_a_restart_on_the_same_host_under_the_crashed_process_s_own_process_id_takes_the_name_within_two_heartbeats_not_DeadAfter()
    {
        // A container restarted by its runtime: the same host name, process 1 again.
        await using var crashed = FleetProcess("pump-house", "pump-host", 1);
        await crashed.Heartbeat.ClaimAsync(CancellationToken.None);
        var held = await LeasedCommandAsync(crashed.Node.LeaseOwner("intake"));
        var crashedAt = Time.GetUtcNow();

        await using var restarted = FleetProcess("pump-house", "pump-host", 1);
        var claim = restarted.Heartbeat.ClaimAsync(CancellationToken.None);
        await RunUntilAsync(claim);

        await claim;
        Assert.True(Time.GetUtcNow() - crashedAt < FleetDefaults.DeadAfter, "the claim waited DeadAfter although the crashed process was this one's predecessor");
        await using var db = NewContext();
        Assert.Equal(restarted.Node.Incarnation, (await db.FleetNodes.SingleAsync()).Incarnation);
        var command = await db.Commands.AsNoTracking().SingleAsync(c => c.Id == held);
        Assert.Equal((null, null), (command.LeaseOwner, command.LeaseUntil));
    }

    [Fact]
    public async Task Fleet_two_living_containers_with_one_host_name_and_one_node_name_do_not_take_the_name_from_each_other()
    {
        // A misconfiguration: both are process 1 under the same host name. The first beats, so the second refuses.
        await using var first = FleetProcess("pump-house", "pump-host", 1);
        await first.Heartbeat.ClaimAsync(CancellationToken.None);
        await using var second = FleetProcess("pump-house", "pump-host", 1);

        var claim = second.Heartbeat.ClaimAsync(CancellationToken.None);
        await RunUntilAsync(claim, first);

        await Assert.ThrowsAsync<NodeNameTakenException>(() => claim);
        await using var db = NewContext();
        Assert.Equal(first.Node.Incarnation, (await db.FleetNodes.SingleAsync()).Incarnation);
    }

    [Fact]
    public async Task Fleet_a_survivor_releases_a_dead_node_s_commands_and_deliveries_within_DeadAfter_and_never_while_it_beats()
    {
        await using var a = FleetProcess("node-a");
        await using var b = FleetProcess("node-b");
        await a.Heartbeat.ClaimAsync(CancellationToken.None);
        await b.Heartbeat.ClaimAsync(CancellationToken.None);
        var aCommand = await LeasedCommandAsync(a.Node.LeaseOwner("intake"));
        var aClaimed = await LeasedCommandAsync(a.Node.NewClaim());
        var bCommand = await LeasedCommandAsync(b.Node.LeaseOwner("intake"));
        var aDelivery = await LeasedDeliveryAsync(a.Node.NewClaim());
        var bDelivery = await LeasedDeliveryAsync(b.Node.NewClaim());

        // Both beat for twice the dead time: nothing is released.
        for (var second = 0; second < 20; second++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(await a.Heartbeat.RunOnceAsync(CancellationToken.None));
            Assert.True(await b.Heartbeat.RunOnceAsync(CancellationToken.None));
            Assert.Equal(5, await LeasedCountAsync());
        }

        // A stops beating (killed): B releases A's leases once A's last beat is DeadAfter old, within one more beat.
        var lastBeat = Time.GetUtcNow();
        while (await LeasedCountAsync() == 5)
        {
            Assert.True(Time.GetUtcNow() - lastBeat <= FleetDefaults.DeadAfter + FleetDefaults.HeartbeatInterval, "A's leases were not released in time");
            Time.Advance(TimeSpan.FromSeconds(1));
            await b.Heartbeat.RunOnceAsync(CancellationToken.None);
            if (await LeasedCountAsync() < 5)
            {
                Assert.True(Time.GetUtcNow() - lastBeat > FleetDefaults.DeadAfter, "A's leases were released while its heartbeat was fresh");
            }
        }

        await using var db = NewContext();
        Assert.All(await db.Commands.AsNoTracking().Where(c => c.Id == aCommand || c.Id == aClaimed).ToListAsync(), c => Assert.Null(c.LeaseOwner));
        Assert.Null((await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == aDelivery)).LeaseOwner);
        Assert.Equal(b.Node.LeaseOwner("intake"), (await db.Commands.AsNoTracking().SingleAsync(c => c.Id == bCommand)).LeaseOwner);
        Assert.NotNull((await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == bDelivery)).LeaseOwner);
        Assert.Equal(["node-b"], await db.FleetNodes.Select(n => n.Name).ToListAsync());
    }

    [Fact]
    public async Task Fleet_a_process_taken_as_dead_that_beats_again_claims_its_name_again()
    {
        await using var a = FleetProcess("node-a");
        await using var b = FleetProcess("node-b");
        await a.Heartbeat.ClaimAsync(CancellationToken.None);
        await b.Heartbeat.ClaimAsync(CancellationToken.None);
        for (var second = 0; second < 15; second++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await b.Heartbeat.RunOnceAsync(CancellationToken.None);
        }

        // A paused longer than the dead time (a stalled store connection, say), then beats.
        Assert.True(await a.Heartbeat.RunOnceAsync(CancellationToken.None));

        await using var db = NewContext();
        Assert.Equal(a.Node.Incarnation, (await db.FleetNodes.SingleAsync(n => n.Name == "node-a")).Incarnation);
        Assert.False(a.Lifetime.Stopped);
    }

    /// <summary>Moves the clock on a second at a time, beating <paramref name="living"/>, until <paramref name="claim"/> ends (a minute at most).</summary>
    private async Task RunUntilAsync(Task claim, params FleetTestProcess[] living)
    {
        for (var step = 0; step < 60 && !claim.IsCompleted; step++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            foreach (var process in living)
            {
                await process.Heartbeat.RunOnceAsync(CancellationToken.None);
            }

            // The claim's look runs on the thread pool once its delay ends on the fake clock.
            await Task.WhenAny(claim, Task.Delay(100));
        }

        Assert.True(claim.IsCompleted, "the claim did not end within a minute of the fake clock");
    }

    /// <summary>
    /// A "process" of the fleet. Each runs on a machine of its own unless <paramref name="host"/> and
    /// <paramref name="processId"/> say otherwise: the test's processes share one real process id, which would
    /// otherwise let each take another's name at once (<see cref="StaleHolder"/>).
    /// </summary>
    private FleetTestProcess FleetProcess(string name, string? host = null, int? processId = null)
    {
        var services = new ServiceCollection().AddScoped(_ => NewContext()).BuildServiceProvider();
        var node = new ThisNode(Options.Create(new ConnectorOptions { Node = name }))
        {
            Host = host ?? $"host-{Guid.NewGuid():N}",
            ProcessId = processId ?? Environment.ProcessId,
        };
        var lifetime = new FleetTestLifetime();
        var heartbeat = new FleetHeartbeat(
            services.GetRequiredService<IServiceScopeFactory>(), node, new CommandSignal(Time), new WebhookSignal(Time), lifetime,
            Options.Create(new FleetOptions()), Time, NullLogger<FleetHeartbeat>.Instance);
        return new FleetTestProcess(node, heartbeat, lifetime, services);
    }

    private async Task<Guid> LeasedCommandAsync(string owner)
    {
        await using var db = NewContext();
        var device = await db.Devices.FirstOrDefaultAsync();
        if (device is null)
        {
            var provider = new Provider { Id = Guid.NewGuid(), Name = "Acme Cloud", Connector = "mqtt" };
            var instance = new ProviderInstance { Id = Guid.NewGuid(), ProviderId = provider.Id, Name = "Acme EU" };
            device = new Device { Name = "Pump 1", DeviceId = "pump-1", ProviderInstanceId = instance.Id };
            db.AddRange(provider, instance, device);
        }

        var command = new Command { DeviceRecordId = device.Id, Name = "Reset", LeaseOwner = owner, LeaseUntil = Time.GetUtcNow().AddMinutes(2) };
        db.Commands.Add(command);
        await db.SaveChangesAsync();
        return command.Id;
    }

    private async Task<Guid> LeasedDeliveryAsync(string owner)
    {
        await using var db = NewContext();
        var delivery = new WebhookDelivery
        {
            SubscriptionId = Guid.NewGuid(),
            MessageId = Guid.NewGuid(),
            EventType = "alert.created",
            Payload = "{}",
            NextAttemptAt = Time.GetUtcNow(),
            LeaseOwner = owner,
            LeaseUntil = Time.GetUtcNow().AddMinutes(2),
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync();
        return delivery.Id;
    }

    private async Task<int> LeasedCountAsync()
    {
        await using var db = NewContext();
        return await db.Commands.CountAsync(c => c.LeaseOwner != null && c.Status == CommandStatus.Queued)
            + await db.WebhookDeliveries.CountAsync(d => d.LeaseOwner != null);
    }

    private sealed record FleetTestProcess(ThisNode Node, FleetHeartbeat Heartbeat, FleetTestLifetime Lifetime, ServiceProvider Services) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Heartbeat.Dispose();
            await Services.DisposeAsync();
        }
    }

    private sealed class FleetTestLifetime : IHostApplicationLifetime
    {
        public bool Stopped { get; private set; }

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopped = true;
    }
}
