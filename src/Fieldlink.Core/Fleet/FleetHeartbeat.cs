using Fieldlink.Core.Commands;
using Fieldlink.Core.Data;
using Fieldlink.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Fleet;

/// <summary>
/// Keeps this process in the fleet: claims its node name before any worker starts (refusing to start when a living
/// process holds it), beats every <see cref="FleetOptions.HeartbeatInterval"/>, and at each beat looks for other
/// nodes that stopped beating (<see cref="NodeWatch"/>). The first survivor to see a dead node deletes its row and
/// releases its leases in one transaction (<see cref="NodeLeases"/>), then wakes its own dispatchers, so the dead
/// node's commands and webhook deliveries are sent within about <see cref="FleetOptions.DeadAfter"/> of its last beat
/// rather than when their leases run out; and it takes over the dead node's MQTT sessions
/// (<see cref="SessionTakeovers"/>, tried again at each beat until done). A clean stop deletes this process's row,
/// after the workers (started after it, stopped before it) have released their own leases.
/// </summary>
public sealed class FleetHeartbeat(
    IServiceScopeFactory scopes,
    ThisNode node,
    CommandSignal commands,
    WebhookSignal webhooks,
    IHostApplicationLifetime lifetime,
    IOptions<FleetOptions> options,
    TimeProvider time,
    ILogger<FleetHeartbeat> log) : BackgroundService
{
    private readonly NodeRegistration _registration = new(node, options.Value, time, log);
    private readonly NodeWatch _watch = new(options.Value);
    private readonly SessionTakeovers _sessions = new(scopes, log);
    private bool _claimed;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ClaimAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Claims this process's node name, as the start does before the beats begin: at once when it is free or its holder
    /// was a process of this host that is gone (<see cref="StaleHolder"/>), else after the holder's heartbeat is
    /// <see cref="FleetOptions.DeadAfter"/> old (a restart after a crash elsewhere); throws
    /// <see cref="NodeNameTakenException"/> when the holder is seen beating.
    /// </summary>
    public async Task ClaimAsync(CancellationToken cancellationToken)
    {
        await _registration.ClaimAsync(scopes, cancellationToken);
        _claimed = true;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        await _sessions.StoppedAsync();
        if (!_claimed)
        {
            return;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await using var scope = scopes.CreateAsyncScope();
            await _registration.LeaveAsync(scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>(), timeout.Token);
        }
        catch (ObjectDisposedException)
        {
            // Stopped after the services were disposed: the row goes stale instead, and a restart waits for it.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            FleetLog.HeartbeatFailed(log, ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.HeartbeatInterval, time, stoppingToken);
                if (!await RunOnceAsync(stoppingToken))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                FleetLog.HeartbeatFailed(log, ex);
            }
        }
    }

    /// <summary>One beat, then the release of what dead nodes held. False when another process took this one's name.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var (beat, holder) = await _registration.BeatAsync(db, cancellationToken);
        if (beat == NodeRegistration.Beat.TakenOver)
        {
            FleetLog.NameTakenOver(log, node.Name, holder?.ProcessId ?? 0, holder?.Host ?? "an unknown host");
            lifetime.StopApplication();
            return false;
        }

        var now = time.GetUtcNow();
        var others = await db.FleetNodes.AsNoTracking().Where(n => n.Name != node.Name).ToListAsync(cancellationToken);
        var released = new List<string>();
        foreach (var dead in _watch.Observe(others, now))
        {
            if (await ReleaseAsync(db, dead, cancellationToken))
            {
                released.Add(dead.Name);
                _sessions.Owe(dead.Name);
            }
        }

        // Those owed from earlier beats too: a takeover that failed (the broker down at that moment) is tried again.
        _sessions.Run([.. others.Select(n => n.Name).Except(released, StringComparer.Ordinal)], cancellationToken);

        if (released.Count > 0)
        {
            commands.Notify();
            webhooks.Notify();
        }

        return true;
    }

    /// <summary>Deletes a dead node's row and releases its leases in one transaction; false when another survivor did first, or it beat again.</summary>
    private async Task<bool> ReleaseAsync(FieldlinkDbContext db, FleetNode dead, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.FleetNodes
            .Where(n => n.Name == dead.Name && n.Incarnation == dead.Incarnation && n.HeartbeatAt == dead.HeartbeatAt)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return false;
        }

        var (commandCount, deliveryCount, autoPullCount) = await NodeLeases.ReleaseAsync(db, dead.Incarnation, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        FleetLog.NodeDead(log, dead.Name, dead.ProcessId, dead.Host, dead.HeartbeatAt, commandCount, deliveryCount, autoPullCount);
        return true;
    }
}
