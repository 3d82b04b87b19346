using System.Linq.Expressions;
using Fieldlink.Core.Data;
using Fieldlink.Core.Live;
using Fieldlink.Core.Validation;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Commands;

/// <summary>
/// The status changes a command allows, and the one place that makes them: every write of a command's status goes
/// through here, stamped (<see cref="Stamp"/>) and with its <c>command.status_changed</c> event in the same
/// transaction when someone wants it. A command only moves forward (Queued → Sent → Delivered → a final status) and a
/// final status is never left; each write is a conditional, set-based UPDATE matching only commands in a status the
/// move is allowed from, so a late or repeated report, or one racing the dispatcher, never moves a command back.
/// </summary>
/// <remarks>Scoped: uses the scope's <see cref="FieldlinkDbContext"/>. Not thread-safe.</remarks>
public sealed class CommandTransitions(FieldlinkDbContext db, WebhookOutbox outbox)
{
    private static readonly CommandStatus[][] Reportable = [.. Enum.GetValues<CommandStatus>()
        .Select(to => to is CommandStatus.Expired or CommandStatus.Canceled ? [] : Enum.GetValues<CommandStatus>().Where(from => Allows(from, to)).ToArray())];

    /// <summary>
    /// Whether a command may move from <paramref name="from"/> to <paramref name="to"/>: forward only, any step may be
    /// skipped (a device may report an outcome before Fieldlink recorded the command Sent); Expired and Canceled only
    /// from Queued; nothing from a final status.
    /// </summary>
    public static bool Allows(CommandStatus from, CommandStatus to) => (from, to) switch
    {
        (CommandStatus.Queued, not CommandStatus.Queued) => true,
        (CommandStatus.Sent, CommandStatus.Delivered or CommandStatus.Succeeded or CommandStatus.Failed or CommandStatus.TimedOut) => true,
        (CommandStatus.Delivered, CommandStatus.Succeeded or CommandStatus.Failed or CommandStatus.TimedOut) => true,
        _ => false,
    };

    /// <summary>
    /// The statuses from which a connector's report moves a command to <paramref name="to"/>; empty when a report
    /// cannot (Queued, and Expired and Canceled, which only Fieldlink decides).
    /// </summary>
    public static IReadOnlyList<CommandStatus> ReportedFrom(CommandStatus to) => (int)to >= 0 && (int)to < Reportable.Length ? Reportable[(int)to] : [];

    /// <summary>
    /// Cancels the command when it is Queued and not leased to anyone but <paramref name="owner"/> (a lease that ran out
    /// counts as none); false when it is past that.
    /// </summary>
    public async Task<bool> CancelAsync(Guid commandId, string? owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var queued = db.Commands.Where(c => c.Id == commandId && c.Status == CommandStatus.Queued && (c.LeaseUntil == null || c.LeaseUntil < now || c.LeaseOwner == owner));
        return await MoveOneAsync(commandId, () => queued.ExecuteUpdateAsync(
            s => s.SetProperty(c => c.Status, CommandStatus.Canceled)
                .SetProperty(c => c.CompletedAt, now)
                .SetProperty(c => c.LeaseOwner, (string?)null)
                .SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null)
                .Stamped(now),
            cancellationToken), cancellationToken);
    }

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
    /// Records the commands a connector accepted, all in one transaction: those still Queued and leased to
    /// <paramref name="claims"/> become Sent (one statement, its rows locked in id order first, as a batch of reports
    /// locks them, so the two never deadlock), with <paramref name="timeoutAt"/> as their outcome timeout. A command
    /// whose device answered before the hand-over returned (moved past Queued, still leased) was handed over all the
    /// same: its try is counted, its lease let go, and, not yet final, it gets its outcome timeout; an earlier try's
    /// error stays only on a command that did not succeed.
    /// </summary>
    public Task SentAsync(IReadOnlyList<Guid> accepted, string[] claims, DateTimeOffset timeoutAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        SentAsync(accepted, claims, timeoutAt, now, null, cancellationToken);

    /// <summary>
    /// As <see cref="SentAsync(IReadOnlyList{Guid}, string[], DateTimeOffset, DateTimeOffset, CancellationToken)"/>, with each
    /// command's <paramref name="devices"/> when the caller knows them (the dispatcher does): the pages then hear of
    /// them without a read inside the transaction, which holds the commands' row locks that their acks wait for.
    /// </summary>
    public async Task SentAsync(
        IReadOnlyList<Guid> accepted, string[] claims, DateTimeOffset timeoutAt, DateTimeOffset now, IReadOnlyDictionary<Guid, Guid>? devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.CommandsSql.LockAsync(db, accepted, cancellationToken);
        var sent = 0;
        var mine = db.Commands.Where(c => accepted.Contains(c.Id) && claims.Contains(c.LeaseOwner!) && c.Status == CommandStatus.Queued);
        await MoveManyAsync(mine, accepted, devices, CommandStatus.Queued, c => c.Status == CommandStatus.Sent && c.SentAt == now, async q => sent = await q.ExecuteUpdateAsync(
            s => s.SetProperty(c => c.Status, CommandStatus.Sent)
                .SetProperty(c => c.SentAt, now)
                .SetProperty(c => c.TimeoutAt, timeoutAt)
                .SetProperty(c => c.Attempts, c => c.Attempts + 1)
                .SetProperty(c => c.Error, (string?)null)
                .SetProperty(c => c.LeaseOwner, (string?)null)
                .SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null)
                .Stamped(now),
            cancellationToken), cancellationToken);
        if (sent < accepted.Count)
        {
            await db.Commands.Where(c => accepted.Contains(c.Id) && claims.Contains(c.LeaseOwner!) && c.Status != CommandStatus.Queued)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(c => c.SentAt, c => c.SentAt ?? now)
                        .SetProperty(c => c.Attempts, c => c.Attempts + 1)
                        .SetProperty(c => c.Error, c => c.Status == CommandStatus.Succeeded ? null : c.Error)
                        .SetProperty(c => c.TimeoutAt, c => c.Status == CommandStatus.Sent || c.Status == CommandStatus.Delivered ? timeoutAt : c.TimeoutAt)
                        .SetProperty(c => c.LeaseOwner, (string?)null)
                        .SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null),
                    cancellationToken);
            await AnnounceAsync(accepted, devices, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (await outbox.IsWantedAsync(WebhookEventTypes.CommandStatusChanged, cancellationToken))
        {
            outbox.Notify();
        }
    }

    /// <summary>
    /// Fails a command still Queued and leased to <paramref name="claims"/> after its <paramref name="attempts"/>th
    /// try. A connector's or a vendor's words are kept bounded and storable (a NUL or a cut surrogate pair escaped): a
    /// record the store refused would be retried before anything new is claimed, and stop this process sending commands.
    /// </summary>
    public async Task FailAsync(Guid commandId, string[] claims, int attempts, string error, string? detail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var storedError = StorableValues.Escape(error, Command.ErrorMaxLength);
        var storedDetail = detail is null ? null : StorableValues.Escape(detail, Command.ErrorDetailMaxLength);
        var mine = db.Commands.Where(c => c.Id == commandId && claims.Contains(c.LeaseOwner!) && c.Status == CommandStatus.Queued);
        await MoveOneAsync(commandId, () => mine.ExecuteUpdateAsync(
            s => s.SetProperty(c => c.Status, CommandStatus.Failed)
                .SetProperty(c => c.Error, storedError)
                .SetProperty(c => c.ErrorDetail, storedDetail)
                .SetProperty(c => c.Attempts, attempts)
                .SetProperty(c => c.CompletedAt, now)
                .SetProperty(c => c.LeaseOwner, (string?)null)
                .SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null)
                .Stamped(now),
            cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Leaves a command still Queued and leased to <paramref name="claims"/> Queued after a failed try, with the try's
    /// error, not to be claimed before <paramref name="retryAt"/>. Its status does not change: no event.
    /// </summary>
    public async Task RetryLaterAsync(Guid commandId, string[] claims, int attempts, string error, DateTimeOffset retryAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var storedError = StorableValues.Escape(error, Command.ErrorMaxLength);
        var updated = await db.Commands.Where(c => c.Id == commandId && claims.Contains(c.LeaseOwner!) && c.Status == CommandStatus.Queued)
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.Attempts, attempts)
                    .SetProperty(c => c.Error, storedError)
                    .SetProperty(c => c.LeaseOwner, (string?)null)
                    .SetProperty(c => c.LeaseUntil, retryAt)
                    .Stamped(now),
                cancellationToken);
        if (updated > 0)
        {
            await AnnounceAsync([commandId], cancellationToken);
        }
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

    /// <summary>Moves one command from Queued with <paramref name="update"/>, with its event in the same transaction when someone wants it.</summary>
    private async Task<bool> MoveOneAsync(Guid commandId, Func<Task<int>> update, CancellationToken cancellationToken)
    {
        if (!await outbox.IsWantedAsync(WebhookEventTypes.CommandStatusChanged, cancellationToken))
        {
            if (await update() != 1)
            {
                return false;
            }

            await AnnounceAsync([commandId], cancellationToken);
            return true;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await update() == 1;
        if (moved)
        {
            await CommandEvents.AddAsync(db, outbox, commandId, CommandStatus.Queued, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await AnnounceAsync([commandId], cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (moved)
        {
            outbox.Notify();
        }

        return moved;
    }

    /// <summary>
    /// Tells the pages which commands changed, with their devices (one read, in the caller's transaction if any);
    /// null or more than a page names: some commands.
    /// </summary>
    private async Task AnnounceAsync(IReadOnlyCollection<Guid>? commandIds, CancellationToken cancellationToken) =>
        await AnnounceAsync(commandIds, null, cancellationToken);

    /// <summary>As <see cref="AnnounceAsync(IReadOnlyCollection{Guid}?, CancellationToken)"/>, without the read when <paramref name="devices"/> names every command's device.</summary>
    private async Task AnnounceAsync(IReadOnlyCollection<Guid>? commandIds, IReadOnlyDictionary<Guid, Guid>? devices, CancellationToken cancellationToken)
    {
        if (commandIds is { Count: > 0 and <= ChangeSet.MaxPerKind } && devices is not null && commandIds.All(devices.ContainsKey))
        {
            await db.ChangedAsync(commandIds.Select(id => new RecordChange(RecordKind.Command, id, devices[id])), cancellationToken);
            return;
        }

        if (commandIds is { Count: 0 })
        {
            return;
        }

        if (commandIds is null || commandIds.Count > ChangeSet.MaxPerKind)
        {
            await db.ChangedAsync([RecordChange.Any(RecordKind.Command)], cancellationToken);
            return;
        }

        var commands = await db.Commands.AsNoTracking().Where(c => commandIds.Contains(c.Id))
            .Select(c => new { c.Id, c.DeviceRecordId }).ToListAsync(cancellationToken);
        await db.ChangedAsync(commands.Select(c => new RecordChange(RecordKind.Command, c.Id, c.DeviceRecordId)), cancellationToken);
    }
}
