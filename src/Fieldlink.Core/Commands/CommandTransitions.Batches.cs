using System.Linq.Expressions;
using Fieldlink.Core.Data;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Commands;

// The moves of many commands at once: what is overdue, the hand-overs a connector accepted, the reports connectors make.
public sealed partial class CommandTransitions
{
    /// <summary>
    /// Ends what is overdue: Queued commands past their expiry that no process holds become Expired, Sent or Delivered
    /// ones past their outcome timeout TimedOut.
    /// </summary>
    public async Task EndOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expiring = db.Commands
            .Where(c => c.Status == CommandStatus.Queued && c.ExpiresAt != null && c.ExpiresAt <= now && (c.LeaseUntil == null || c.LeaseUntil < now));
        await MoveManyAsync(expiring, null, null, CommandStatus.Queued, c => c.Status == CommandStatus.Expired && c.CompletedAt == now, q => q.ExecuteUpdateAsync(
            s => s.SetProperty(c => c.Status, CommandStatus.Expired)
                .SetProperty(c => c.CompletedAt, now)
                .SetProperty(c => c.Error, "The command expired before it could be sent.")
                .Stamped(now),
            cancellationToken), cancellationToken);
        var unanswered = db.Commands
            .Where(c => (c.Status == CommandStatus.Sent || c.Status == CommandStatus.Delivered) && c.TimeoutAt != null && c.TimeoutAt <= now);
        await MoveManyAsync(unanswered, null, null, null, c => c.Status == CommandStatus.TimedOut && c.CompletedAt == now, q => q.ExecuteUpdateAsync(
            s => s.SetProperty(c => c.Status, CommandStatus.TimedOut)
                .SetProperty(c => c.CompletedAt, now)
                .SetProperty(c => c.Error, "The device did not report an outcome in time.")
                .Stamped(now),
            cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Records the commands a connector accepted: those still Queued and leased to <paramref name="claims"/> become
    /// Sent, with <paramref name="timeoutAt"/> as their outcome timeout. A command whose device answered before the
    /// hand-over returned (moved past Queued, still leased) was handed over all the same: its try is counted, its lease
    /// let go, and, not yet final, it gets its outcome timeout; an earlier try's error stays only on a command that did
    /// not succeed. The rows are locked in id order first, as a batch of reports locks them, so the two never deadlock.
    /// </summary>
    public Task SentAsync(IReadOnlyList<Guid> accepted, string[] claims, DateTimeOffset timeoutAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        SentAsync(accepted, claims, timeoutAt, now, null, cancellationToken);

    /// <summary>
    /// As <see cref="SentAsync(IReadOnlyList{Guid}, string[], DateTimeOffset, DateTimeOffset, CancellationToken)"/>, with each
    /// command's <paramref name="devices"/> when the caller knows them (the dispatcher does): the pages then hear of
    /// them without a read.
    /// </summary>
    /// <remarks>
    /// When nobody wants <c>command.status_changed</c>, the whole record is the database's one write
    /// (<see cref="CommandsSql.SentAsync"/>: on PostgreSQL one statement), and the pages are told after its commit: the
    /// rows a device's ack waits for are locked only while that write runs, not across the round trips of a
    /// transaction, nor while PostgreSQL serializes the commits of transactions that NOTIFY. With the events, they are
    /// read and written in one transaction.
    /// </remarks>
    public async Task SentAsync(
        IReadOnlyList<Guid> accepted, string[] claims, DateTimeOffset timeoutAt, DateTimeOffset now, IReadOnlyDictionary<Guid, Guid>? devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (!await outbox.IsWantedAsync(WebhookEventTypes.CommandStatusChanged, cancellationToken))
        {
            // One connection for the write and its announcement: taken from the pool again, it would be reset in between.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                if (await db.CommandsSql.SentAsync(db, accepted, claims, timeoutAt, now, cancellationToken) > 0)
                {
                    await AnnounceAsync(accepted, devices, cancellationToken);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.CommandsSql.LockAsync(db, accepted, cancellationToken);
        var mine = db.Commands.Where(c => accepted.Contains(c.Id) && claims.Contains(c.LeaseOwner!) && c.Status == CommandStatus.Queued);
        await MoveManyAsync(mine, accepted, devices, CommandStatus.Queued, c => c.Status == CommandStatus.Sent && c.SentAt == now, q => CommandsSql.QueuedSentAsync(q, timeoutAt, now, cancellationToken), cancellationToken);
        if (await CommandsSql.AnsweredSentAsync(db, accepted, claims, timeoutAt, now, cancellationToken) > 0)
        {
            await AnnounceAsync(accepted, devices, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
    }

    /// <summary>
    /// Applies the connector's reported moves, wave after wave (a wave moves a command at most once), to the commands of
    /// devices in <paramref name="providerInstanceId"/>, through the database's <see cref="CommandsSql"/>: on PostgreSQL
    /// one statement per wave that locks the rows in id order; on SQLite, which locks the whole file for a write, one
    /// update per move in one transaction. Returns how many moved a command.
    /// </summary>
    public Task<int> ReportedAsync(Guid providerInstanceId, IReadOnlyList<IReadOnlyList<CommandMove>> waves, DateTimeOffset now, CancellationToken cancellationToken) =>
        ReportedAsync(providerInstanceId, waves, now, null, cancellationToken);

    /// <summary>As <see cref="ReportedAsync(Guid, IReadOnlyList{IReadOnlyList{CommandMove}}, DateTimeOffset, CancellationToken)"/>, adding the ids of the commands it moved to <paramref name="moved"/>.</summary>
    public async Task<int> ReportedAsync(
        Guid providerInstanceId, IReadOnlyList<IReadOnlyList<CommandMove>> waves, DateTimeOffset now, ISet<Guid>? moved, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(waves);
        if (waves.Count == 0)
        {
            return 0;
        }

        var announce = await outbox.IsWantedAsync(WebhookEventTypes.CommandStatusChanged, cancellationToken);

        // One connection for the moves and their announcement: taken from the pool again, it would be reset in between.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await ReportedAsync(providerInstanceId, waves, now, moved, announce, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<int> ReportedAsync(
        Guid providerInstanceId, IReadOnlyList<IReadOnlyList<CommandMove>> waves, DateTimeOffset now, ISet<Guid>? moved, bool announce, CancellationToken cancellationToken)
    {
        var wholeFileLocks = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
        var together = announce || waves.Count > 1 || wholeFileLocks;
        await using var transaction = together && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var moves = 0;
        var movedDevices = new Dictionary<Guid, Guid>();
        foreach (var wave in waves)
        {
            var commands = await db.CommandsSql.MoveAsync(db, providerInstanceId, wave, now, cancellationToken);
            moves += commands.Count;
            foreach (var command in commands)
            {
                movedDevices[command.CommandId] = command.DeviceRecordId;
            }

            if (announce)
            {
                // Each event is read now, so a command moved twice in the batch announces both steps.
                foreach (var command in commands)
                {
                    await CommandEvents.AddAsync(db, outbox, command.CommandId, command.Previous, cancellationToken);
                }
            }
        }

        if (announce && moves > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        await AnnounceAsync(movedDevices.Keys, movedDevices, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        if (announce && moves > 0)
        {
            outbox.Notify();
        }

        moved?.UnionWith(movedDevices.Keys);
        return moves;
    }

    /// <summary>
    /// Moves the commands <paramref name="matching"/> with <paramref name="update"/>; when someone wants
    /// <c>command.status_changed</c>, in one transaction with an event for each command it moved (those that match
    /// <paramref name="movedNow"/> afterwards: the update stamps them with its own time).
    /// </summary>
    /// <remarks>
    /// Pages hear of the commands moved: when the events were read, by id; otherwise of <paramref name="candidates"/>,
    /// or, when null, of some commands.
    /// </remarks>
    private async Task MoveManyAsync(
        IQueryable<Command> matching,
        IReadOnlyCollection<Guid>? candidates,
        IReadOnlyDictionary<Guid, Guid>? devices,
        CommandStatus? from,
        Expression<Func<Command, bool>> movedNow,
        Func<IQueryable<Command>, Task<int>> update,
        CancellationToken cancellationToken)
    {
        if (!await outbox.IsWantedAsync(WebhookEventTypes.CommandStatusChanged, cancellationToken))
        {
            if (await update(matching) > 0)
            {
                await AnnounceAsync(candidates, devices, cancellationToken);
            }

            return;
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var before = await matching.AsNoTracking().Select(c => new { c.Id, c.Status }).ToListAsync(cancellationToken);
        if (before.Count == 0)
        {
            return;
        }

        var ids = before.Select(c => c.Id).ToList();
        await update(matching.Where(c => ids.Contains(c.Id)));
        var moved = await db.Commands.AsNoTracking().Where(c => ids.Contains(c.Id)).Where(movedNow).Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var id in moved)
        {
            await CommandEvents.AddAsync(db, outbox, id, from ?? before.First(c => c.Id == id).Status, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await AnnounceAsync(moved, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            outbox.Notify();
        }
    }
}
