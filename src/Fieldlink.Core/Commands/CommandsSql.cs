using Fieldlink.Core.Data;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Commands;

/// <summary>A report's move of one command, as <see cref="CommandsSql.MoveAsync"/> applies it.</summary>
/// <param name="CommandId">The command.</param>
/// <param name="Status">Its new status.</param>
/// <param name="From">The statuses it may be in to take the move (the status's predecessors).</param>
/// <param name="At">
/// When the device or system says it happened, UTC; a step is never stamped before the one it follows, nor before the
/// command was queued (a report stamped before the dispatcher recorded the command Sent, or a device's clock behind
/// Fieldlink's, takes that step's time).
/// </param>
/// <param name="Response">The device's answer as JSON, or null to keep what is stored.</param>
/// <param name="Error">The error, at most 2,000 characters, or null to keep what is stored; a Succeeded move clears it.</param>
public sealed record CommandMove(Guid CommandId, CommandStatus Status, IReadOnlyList<CommandStatus> From, DateTimeOffset At, string? Response, string? Error);

/// <summary>A command a <see cref="CommandMove"/> moved, the status it had before, and its device (which the pages hear of).</summary>
public readonly record struct MovedCommand(Guid CommandId, CommandStatus Previous, Guid DeviceRecordId);

/// <summary>
/// The writes of the command status path whose fast form differs per database, for <see cref="CommandTransitions"/>
/// (which alone calls <see cref="MoveAsync"/>) and the dispatcher's claims. This base moves one command per
/// UPDATE with EF Core, which suits SQLite (it locks the whole file for a write, so the caller's single transaction
/// already serializes everything); PostgreSQL overrides it with one set-based UPDATE per batch that locks the rows
/// in id order, and locks the dispatcher's batches in the same order, so the two can never deadlock.
/// </summary>
/// <remarks>Called inside the caller's transaction, if any. Implementations are stateless and thread-safe.</remarks>
public class CommandsSql
{
    public static CommandsSql Default { get; } = new();

    /// <summary>
    /// Applies <paramref name="moves"/> (at most one per command) to the commands of devices in
    /// <paramref name="providerInstanceId"/> that are in one of the move's <see cref="CommandMove.From"/> statuses;
    /// returns the commands it moved with their previous status.
    /// </summary>
    public virtual async Task<IReadOnlyList<MovedCommand>> MoveAsync(
        FieldlinkDbContext db, Guid providerInstanceId, IReadOnlyList<CommandMove> moves, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(moves);
        var moved = new List<MovedCommand>();
        foreach (var move in moves)
        {
            var previous = await db.Commands.AsNoTracking().Where(c => c.Id == move.CommandId).Select(c => new { c.Status, c.DeviceRecordId }).FirstOrDefaultAsync(cancellationToken);
            var from = move.From;
            var final = Command.IsFinal(move.Status);

            // A command that succeeded has no error, not even that of a try before.
            var succeeded = move.Status == CommandStatus.Succeeded;
            var updated = await db.Commands
                .Where(c => c.Id == move.CommandId
                    && from.Contains(c.Status)
                    && db.Devices.Any(d => d.Id == c.DeviceRecordId && d.ProviderInstanceId == providerInstanceId))
                .ExecuteUpdateAsync(
                    s => s.SetProperty(c => c.Status, move.Status)
                        .SetProperty(c => c.SentAt, c => c.SentAt ?? (c.CreatedAt > move.At ? c.CreatedAt : move.At))
                        .SetProperty(c => c.DeliveredAt, c => move.Status == CommandStatus.Delivered
                            ? (c.SentAt != null && c.SentAt > move.At ? c.SentAt : c.CreatedAt > move.At ? c.CreatedAt : move.At)
                            : c.DeliveredAt)
                        .SetProperty(c => c.CompletedAt, c => final
                            ? (c.DeliveredAt != null && c.DeliveredAt > move.At ? c.DeliveredAt
                                : c.SentAt != null && c.SentAt > move.At ? c.SentAt
                                : c.CreatedAt > move.At ? c.CreatedAt : move.At)
                            : c.CompletedAt)
                        .SetProperty(c => c.Response, c => move.Response ?? c.Response)
                        .SetProperty(c => c.Error, c => succeeded ? null : move.Error ?? c.Error)
                        .Stamped(now),
                    cancellationToken);
            if (updated == 1 && previous is not null)
            {
                moved.Add(new MovedCommand(move.CommandId, previous.Status, previous.DeviceRecordId));
            }
        }

        return moved;
    }

    /// <summary>
    /// Leases up to <paramref name="batchSize"/> of the oldest Queued, unexpired commands no process holds to
    /// <paramref name="claim"/> until <paramref name="leaseUntil"/>, and returns them, oldest first. This base claims
    /// with one conditional UPDATE (a row another process claimed meanwhile no longer matches) and reads them back.
    /// </summary>
    public virtual async Task<List<Command>> ClaimAsync(
        FieldlinkDbContext db, string claim, DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var free = db.Commands
            .Where(c => c.Status == CommandStatus.Queued && (c.LeaseUntil == null || c.LeaseUntil < now) && (c.ExpiresAt == null || c.ExpiresAt > now))
            .OrderBy(c => c.CreatedAt)
            .Select(c => c.Id)
            .Take(batchSize);
        await db.Commands
            .Where(c => free.Contains(c.Id) && c.Status == CommandStatus.Queued && (c.LeaseUntil == null || c.LeaseUntil < now) && (c.ExpiresAt == null || c.ExpiresAt > now))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseOwner, claim).SetProperty(c => c.LeaseUntil, leaseUntil), cancellationToken);
        return await db.Commands.AsNoTracking().Where(c => c.LeaseOwner == claim).OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Records a round's accepted hand-overs, for <see cref="CommandTransitions.SentAsync(IReadOnlyList{Guid}, string[], DateTimeOffset, DateTimeOffset, IReadOnlyDictionary{Guid, Guid}?, CancellationToken)"/>
    /// when nobody wants their events: those of <paramref name="accepted"/> still Queued and leased to
    /// <paramref name="claims"/> become Sent (<see cref="QueuedSentAsync"/>), those a device answered first are counted
    /// as handed over (<see cref="AnsweredSentAsync"/>), all or none. Returns how many rows it wrote. This base locks
    /// the rows and runs the two updates in one transaction (the caller's, if any); PostgreSQL does it all in one
    /// statement.
    /// </summary>
    public virtual async Task<int> SentAsync(
        FieldlinkDbContext db, IReadOnlyList<Guid> accepted, string[] claims, DateTimeOffset timeoutAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(accepted);
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await LockAsync(db, accepted, cancellationToken);
        var sent = await QueuedSentAsync(
            db.Commands.Where(c => accepted.Contains(c.Id) && claims.Contains(c.LeaseOwner!) && c.Status == CommandStatus.Queued), timeoutAt, now, cancellationToken);
        var answered = sent < accepted.Count ? await AnsweredSentAsync(db, accepted, claims, timeoutAt, now, cancellationToken) : 0;
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return sent + answered;
    }

    /// <summary>Moves the <paramref name="queued"/> commands to Sent, their try counted, their lease let go, with <paramref name="timeoutAt"/> as their outcome timeout.</summary>
    public static Task<int> QueuedSentAsync(IQueryable<Command> queued, DateTimeOffset timeoutAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        queued.ExecuteUpdateAsync(
            s => s.SetProperty(c => c.Status, CommandStatus.Sent)
                .SetProperty(c => c.SentAt, now)
                .SetProperty(c => c.TimeoutAt, timeoutAt)
                .SetProperty(c => c.Attempts, c => c.Attempts + 1)
                .SetProperty(c => c.Error, (string?)null)
                .SetProperty(c => c.LeaseOwner, (string?)null)
                .SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null)
                .Stamped(now),
            cancellationToken);

    /// <summary>
    /// The commands of <paramref name="accepted"/> still leased to <paramref name="claims"/> that a device answered
    /// before the hand-over returned (past Queued): handed over all the same, so their try is counted and their lease
    /// let go; not yet final, they get their outcome timeout; an earlier try's error stays only on one that did not
    /// succeed. Their status does not change, so they are not stamped.
    /// </summary>
    public static Task<int> AnsweredSentAsync(
        FieldlinkDbContext db, IReadOnlyList<Guid> accepted, string[] claims, DateTimeOffset timeoutAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Commands.Where(c => accepted.Contains(c.Id) && claims.Contains(c.LeaseOwner!) && c.Status != CommandStatus.Queued)
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.SentAt, c => c.SentAt ?? now)
                    .SetProperty(c => c.Attempts, c => c.Attempts + 1)
                    .SetProperty(c => c.Error, c => c.Status == CommandStatus.Succeeded ? null : c.Error)
                    .SetProperty(c => c.TimeoutAt, c => c.Status == CommandStatus.Sent || c.Status == CommandStatus.Delivered ? timeoutAt : c.TimeoutAt)
                    .SetProperty(c => c.LeaseOwner, (string?)null)
                    .SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null),
                cancellationToken);
    }

    /// <summary>
    /// Locks the commands for the current transaction in id order, before a statement that updates several of them;
    /// nothing here, where the database's write lock is already the whole file.
    /// </summary>
    public virtual Task LockAsync(FieldlinkDbContext db, IReadOnlyCollection<Guid> commandIds, CancellationToken cancellationToken) => Task.CompletedTask;
}
