using Fieldlink.Core.Commands;
using Fieldlink.Core.Data;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Retention;

/// <summary>
/// Deletes finished records older than a cutoff in batches of at most <c>batchSize</c> rows, each batch one statement
/// (<c>DELETE ... WHERE Id IN (SELECT Id ... LIMIT n)</c>) in a transaction of its own. Deleting what another process
/// deleted first deletes nothing, so several processes may prune one store at once. Nothing references these records
/// by foreign key (an alert's or a case's commands point from the command to them, not back), so deleting them leaves
/// no dangling reference. Scoped, over the scoped DbContext.
/// </summary>
public sealed class RecordRetention(FieldlinkDbContext db)
{
    private static readonly CommandStatus[] Finished =
        [CommandStatus.Succeeded, CommandStatus.Failed, CommandStatus.TimedOut, CommandStatus.Expired, CommandStatus.Canceled];

    /// <summary>Deletes webhook deliveries that finished (Succeeded, Dead, Canceled) before <paramref name="cutoff"/>; Pending ones stay.</summary>
    public Task<long> DeleteWebhookDeliveriesAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        InBatchesAsync(
            () => db.WebhookDeliveries.Where(d => d.Status != WebhookDeliveryStatus.Pending && d.CompletedAt < cutoff),
            batchSize,
            cancellationToken);

    /// <summary>Deletes dead letters received before <paramref name="cutoff"/> (the ReceivedAt index finds them).</summary>
    public Task<long> DeleteDeadLettersAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        InBatchesAsync(() => db.DeadLetters.Where(d => d.ReceivedAt < cutoff), batchSize, cancellationToken);

    /// <summary>
    /// Deletes commands that reached a final status before <paramref name="cutoff"/>; Queued, Sent and Delivered ones
    /// stay however old. A command completes after it is created, so <c>CreatedAt &lt; cutoff</c> adds nothing to the
    /// meaning but lets the (Status, CreatedAt) index find the rows.
    /// </summary>
    public Task<long> DeleteCommandsAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        InBatchesAsync(
            () => db.Commands.Where(c => Finished.Contains(c.Status) && c.CreatedAt < cutoff && c.CompletedAt < cutoff),
            batchSize,
            cancellationToken);

    private static async Task<long> InBatchesAsync<T>(Func<IQueryable<T>> old, int batchSize, CancellationToken cancellationToken)
        where T : Entity
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        long deleted = 0;
        while (true)
        {
            var batch = await old().Take(batchSize).ExecuteDeleteAsync(cancellationToken);
            deleted += batch;

            // A short batch is the last; so is one another process shortened by deleting the same rows first.
            if (batch < batchSize)
            {
                return deleted;
            }
        }
    }
}
