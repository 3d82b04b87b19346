using Fieldlink.Core.Data;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Commands;

/// <summary>
/// Records how a command went on, as its connector reports it. A command only moves forward (Queued → Sent →
/// Delivered → a final status) and a final status is never left; each move is one conditional UPDATE, so a late or
/// repeated report, or one racing the dispatcher, can never move a command back. A move writes its
/// <c>command.status_changed</c> event in the same transaction.
/// </summary>
public sealed class CommandStatusRecorder(FieldlinkDbContext db, WebhookOutbox outbox, TimeProvider time)
{
    /// <summary>Applies the report; false when the command is unknown to this provider instance or already past that status.</summary>
    public async Task<bool> RecordAsync(Guid providerInstanceId, CommandStatusReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var earlier = Predecessors(report.Status);
        if (earlier.Length == 0)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var at = report.At?.ToUniversalTime() ?? now;
        var final = Command.IsFinal(report.Status);
        var response = report.Response?.ToJsonString();
        var error = report.Error is { Length: > 2000 } text ? text[..2000] : report.Error;
        var announce = await outbox.IsWantedAsync(WebhookEventTypes.CommandStatusChanged, cancellationToken);
        await using var transaction = announce && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var previous = announce
            ? await db.Commands.AsNoTracking().Where(c => c.Id == report.CommandId).Select(c => (CommandStatus?)c.Status).FirstOrDefaultAsync(cancellationToken)
            : null;
        var updated = await db.Commands
            .Where(c => c.Id == report.CommandId
                && earlier.Contains(c.Status)
                && db.Devices.Any(d => d.Id == c.DeviceRecordId && d.ProviderInstanceId == providerInstanceId))
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.Status, report.Status)
                    .SetProperty(c => c.SentAt, c => c.SentAt ?? at)
                    .SetProperty(c => c.DeliveredAt, c => report.Status == CommandStatus.Delivered ? at : c.DeliveredAt)
                    .SetProperty(c => c.CompletedAt, c => final ? at : c.CompletedAt)
                    .SetProperty(c => c.Response, c => response ?? c.Response)
                    .SetProperty(c => c.Error, c => error ?? c.Error)
                    .SetProperty(c => c.UpdatedAt, now)
                    .SetProperty(c => c.Version, c => c.Version + 1),
                cancellationToken);
        if (updated == 1 && announce)
        {
            await CommandEvents.AddAsync(db, outbox, report.CommandId, previous, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        if (updated == 1 && announce)
        {
            outbox.Notify();
        }

        return updated == 1;
    }

    /// <summary>
    /// Applies the reports in order; how many moved a command. On SQLite, which locks the whole file for a write, in one
    /// transaction, to save a commit per report. On PostgreSQL each update commits on its own: a transaction holding many
    /// commands' rows could deadlock with the dispatcher's update of a batch of the same rows, while one row at a time
    /// cannot.
    /// </summary>
    public async Task<int> RecordAsync(Guid providerInstanceId, IReadOnlyList<CommandStatusReport> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var wholeFileLocks = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
        await using var transaction = wholeFileLocks && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var moved = 0;
        foreach (var report in reports)
        {
            moved += await RecordAsync(providerInstanceId, report, cancellationToken) ? 1 : 0;
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return moved;
    }

    private static CommandStatus[] Predecessors(CommandStatus status) => status switch
    {
        CommandStatus.Sent => [CommandStatus.Queued],
        CommandStatus.Delivered => [CommandStatus.Queued, CommandStatus.Sent],
        CommandStatus.Succeeded or CommandStatus.Failed or CommandStatus.TimedOut => [CommandStatus.Queued, CommandStatus.Sent, CommandStatus.Delivered],
        _ => [],
    };
}
