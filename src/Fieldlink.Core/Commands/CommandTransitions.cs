using Fieldlink.Core.Data;
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
public sealed partial class CommandTransitions(FieldlinkDbContext db, WebhookOutbox outbox)
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
}
