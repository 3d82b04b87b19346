using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Fleet;

/// <summary>
/// This process's row in <see cref="FleetNode"/>: claimed at start, beaten, deleted at a clean stop. The claim refuses
/// a name a living process holds, and takes over the name of one that stopped beating, releasing what it held.
/// </summary>
internal sealed class NodeRegistration(ThisNode node, FleetOptions options, TimeProvider time, ILogger log)
{
    /// <summary>What a beat found.</summary>
    public enum Beat
    {
        /// <summary>The row is this process's and moved on.</summary>
        Beaten,

        /// <summary>The row was gone (the others took this process as dead): claimed again.</summary>
        Reclaimed,

        /// <summary>Another process holds the name now.</summary>
        TakenOver,
    }

    /// <summary>
    /// Claims the node name. A row left by a process of this host whose process id runs nothing any more
    /// (<see cref="StaleHolder"/>) is taken over at once, the restart after a crash. A row of this host under this
    /// process's own id (a container restarted as process 1) is taken once its heartbeat has not moved for two heartbeat
    /// intervals, without waiting DeadAfter: two containers wrongly given one host name and one node name both run as
    /// process 1, and the living one's heartbeat moving makes the newcomer refuse instead of stealing the name. Any other row of
    /// another incarnation is watched for two heartbeat intervals at least: if its heartbeat moves, a living process
    /// holds the name and this throws <see cref="NodeNameTakenException"/>; once it is older than
    /// <see cref="FleetOptions.DeadAfter"/> and has not moved, it is taken over (a process restarted on another machine,
    /// or whose predecessor's process id runs again, waits here until then). Deciding on movement, not on the clocks,
    /// makes the refusal hold whatever the skew between machines.
    /// </summary>
    public async Task ClaimAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        (Guid Incarnation, DateTimeOffset HeartbeatAt, DateTimeOffset Since)? watched = null;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            var now = time.GetUtcNow();
            var row = await db.FleetNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Name == node.Name, cancellationToken);
            if (row is null)
            {
                if (await TryInsertAsync(db, now, cancellationToken))
                {
                    FleetLog.Claimed(log, node.Name, node.Incarnation);
                    return;
                }

                continue;
            }

            if (watched is { } seen && (seen.Incarnation != row.Incarnation || seen.HeartbeatAt != row.HeartbeatAt))
            {
                throw new NodeNameTakenException(node.Name, row.Host, row.ProcessId);
            }

            var rule = StaleHolder.Judge(row, node.Host, node.ProcessId, StaleHolder.ProcessRuns);
            if (watched is null && rule == StaleHolderRule.ProcessGone)
            {
                if (await TryTakeOverAsync(db, row, now, cancellationToken))
                {
                    FleetLog.NameTakenAtOnce(log, node.Name, row.ProcessId, row.Host, rule);
                    FleetLog.Claimed(log, node.Name, node.Incarnation);
                    return;
                }

                continue;
            }

            if (watched is null)
            {
                watched = (row.Incarnation, row.HeartbeatAt, now);
                FleetLog.WaitingForNode(log, node.Name, row.ProcessId, row.Host, row.HeartbeatAt);
            }
            else if ((rule == StaleHolderRule.OwnProcessId || now - row.HeartbeatAt > options.DeadAfter) && now - watched.Value.Since >= options.HeartbeatInterval * 2)
            {
                if (await TryTakeOverAsync(db, row, now, cancellationToken))
                {
                    if (rule == StaleHolderRule.OwnProcessId)
                    {
                        FleetLog.NameTakenAtOnce(log, node.Name, row.ProcessId, row.Host, rule);
                    }

                    FleetLog.Claimed(log, node.Name, node.Incarnation);
                    return;
                }

                watched = null;
                continue;
            }

            await Task.Delay(options.HeartbeatInterval / 2, time, cancellationToken);
        }
    }

    /// <summary>Moves this process's heartbeat on (one UPDATE); claims the name again when the others deleted the row.</summary>
    public async Task<(Beat Beat, FleetNode? Holder)> BeatAsync(FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var beaten = await db.FleetNodes.Where(n => n.Name == node.Name && n.Incarnation == node.Incarnation)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.HeartbeatAt, now), cancellationToken);
        if (beaten == 1)
        {
            return (Beat.Beaten, null);
        }

        var holder = await db.FleetNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Name == node.Name, cancellationToken);
        if (holder is null && await TryInsertAsync(db, now, cancellationToken))
        {
            FleetLog.TakenAsDead(log, node.Name);
            return (Beat.Reclaimed, null);
        }

        holder ??= await db.FleetNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Name == node.Name, cancellationToken);
        return (Beat.TakenOver, holder);
    }

    /// <summary>Deletes this process's row at a clean stop, so a restart under the same name starts at once.</summary>
    public Task LeaveAsync(FieldlinkDbContext db, CancellationToken cancellationToken) =>
        db.FleetNodes.Where(n => n.Name == node.Name && n.Incarnation == node.Incarnation).ExecuteDeleteAsync(cancellationToken);

    private async Task<bool> TryInsertAsync(FieldlinkDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.FleetNodes.Add(new FleetNode
        {
            Name = node.Name,
            Incarnation = node.Incarnation,
            Host = node.Host,
            ProcessId = node.ProcessId,
            StartedAt = now,
            HeartbeatAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (db.Classify(ex) == StoreError.UniqueViolation)
        {
            // Another process claimed the name between the look and the insert: look again.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Takes the row of a dead incarnation over and releases what it held, in one transaction.</summary>
    private async Task<bool> TryTakeOverAsync(FieldlinkDbContext db, FleetNode dead, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taken = await db.FleetNodes
            .Where(n => n.Name == dead.Name && n.Incarnation == dead.Incarnation && n.HeartbeatAt == dead.HeartbeatAt)
            .ExecuteUpdateAsync(
                s => s.SetProperty(n => n.Incarnation, node.Incarnation)
                    .SetProperty(n => n.Host, node.Host)
                    .SetProperty(n => n.ProcessId, node.ProcessId)
                    .SetProperty(n => n.StartedAt, now)
                    .SetProperty(n => n.HeartbeatAt, now),
                cancellationToken);
        if (taken == 0)
        {
            return false;
        }

        var (commands, deliveries, autoPulls) = await NodeLeases.ReleaseAsync(db, dead.Incarnation, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        FleetLog.NodeDead(log, dead.Name, dead.ProcessId, dead.Host, dead.HeartbeatAt, commands, deliveries, autoPulls);
        return true;
    }
}
