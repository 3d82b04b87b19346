using Fieldlink.Core.Data;
using Fieldlink.Core.Validation;
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
        return await RecordAsync(providerInstanceId, [report], cancellationToken) == 1;
    }

    /// <summary>
    /// Applies the reports in order; how many moved a command. The database's <see cref="CommandsSql"/> moves the
    /// batch: on PostgreSQL in one statement that locks the rows in id order (as the dispatcher's batch update does, so
    /// the two cannot deadlock); on SQLite, which locks the whole file for a write, one update per report in one
    /// transaction. Several reports on one command (Delivered, then Succeeded) are applied in turn, a statement each.
    /// The events go in the same transaction as the moves.
    /// </summary>
    public async Task<int> RecordAsync(Guid providerInstanceId, IReadOnlyList<CommandStatusReport> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var now = time.GetUtcNow();

        // Wave n holds each command's (n+1)th report, so a wave moves a command at most once.
        var waves = new List<List<CommandMove>>();
        var seen = new Dictionary<Guid, int>();
        foreach (var report in reports)
        {
            var earlier = Predecessors(report.Status);
            if (earlier.Length == 0)
            {
                continue;
            }

            var wave = seen.GetValueOrDefault(report.CommandId);
            seen[report.CommandId] = wave + 1;
            if (wave == waves.Count)
            {
                waves.Add([]);
            }

            var error = report.Error is null ? null : StorableValues.Escape(report.Error, Command.ErrorMaxLength);
            waves[wave].Add(new CommandMove(report.CommandId, report.Status, earlier, report.At?.ToUniversalTime() ?? now, report.Response?.ToJsonString(), error));
        }

        if (waves.Count == 0)
        {
            return 0;
        }

        var announce = await outbox.IsWantedAsync(WebhookEventTypes.CommandStatusChanged, cancellationToken);
        var wholeFileLocks = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
        var together = announce || waves.Count > 1 || wholeFileLocks;
        await using var transaction = together && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var moved = 0;
        foreach (var wave in waves)
        {
            var commands = await db.CommandsSql.MoveAsync(db, providerInstanceId, wave, now, cancellationToken);
            moved += commands.Count;
            if (announce)
            {
                // Each event is read now, so a command moved twice in the batch announces both steps.
                foreach (var command in commands)
                {
                    await CommandEvents.AddAsync(db, outbox, command.CommandId, command.Previous, cancellationToken);
                }
            }
        }

        if (announce && moved > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        if (announce && moved > 0)
        {
            outbox.Notify();
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
