using Fieldlink.Core.Commands;
using Fieldlink.Core.Data;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Retention;

/// <summary>
/// Deletes one batch of finished records older than a cutoff: at most <c>batchSize</c> rows in one statement
/// (<c>DELETE ... WHERE Id IN (SELECT Id ... LIMIT n)</c>), a transaction of its own; <see cref="RetentionService"/>
/// repeats it until a batch comes back short. Deleting what another process
/// deleted first deletes nothing, so several processes may prune one store at once. Nothing references these records
/// by foreign key (an alert's or a case's commands point from the command to them, not back), so deleting them leaves
/// no dangling reference. Scoped, over the scoped DbContext.
/// </summary>
public sealed class RecordRetention(FieldlinkDbContext db)
{
    private static readonly WebhookDeliveryStatus[] FinishedDeliveries = [WebhookDeliveryStatus.Succeeded, WebhookDeliveryStatus.Dead, WebhookDeliveryStatus.Canceled];

    private static readonly CommandStatus[] FinishedCommands =
        [CommandStatus.Succeeded, CommandStatus.Failed, CommandStatus.TimedOut, CommandStatus.Expired, CommandStatus.Canceled];

    /// <summary>Deletes webhook deliveries that finished (Succeeded, Dead, Canceled) before <paramref name="cutoff"/>; Pending ones stay. Returns how many.</summary>
    public Task<int> DeleteWebhookDeliveriesAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        BatchAsync(db.WebhookDeliveries.Where(d => FinishedDeliveries.Contains(d.Status) && d.CompletedAt < cutoff), batchSize, cancellationToken);

    /// <summary>Deletes dead letters received before <paramref name="cutoff"/> (the ReceivedAt index finds them). Returns how many.</summary>
    public Task<int> DeleteDeadLettersAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        BatchAsync(db.DeadLetters.Where(d => d.ReceivedAt < cutoff), batchSize, cancellationToken);

    /// <summary>
    /// Deletes commands that reached a final status before <paramref name="cutoff"/>; Queued, Sent and Delivered ones
    /// stay however old. A command completes after it is created, so <c>CreatedAt &lt; cutoff</c> adds nothing to the
    /// meaning but lets the (Status, CreatedAt) index find the rows. Returns how many.
    /// </summary>
    public Task<int> DeleteCommandsAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        BatchAsync(db.Commands.Where(c => FinishedCommands.Contains(c.Status) && c.CreatedAt < cutoff && c.CompletedAt < cutoff), batchSize, cancellationToken);

    private static Task<int> BatchAsync<T>(IQueryable<T> old, int batchSize, CancellationToken cancellationToken)
        where T : Entity
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);

        // Oldest first (ids are time-ordered), and a limit EF Core does not warn of as unordered.
        return old.OrderBy(e => e.Id).Take(batchSize).ExecuteDeleteAsync(cancellationToken);
    }
}
