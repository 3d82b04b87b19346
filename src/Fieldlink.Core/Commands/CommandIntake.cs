using Fieldlink.Core.Data;
using Fieldlink.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Commands;

/// <summary>
/// Queues commands: written Queued in the same transaction as the request, so a command the API accepted is sent
/// even if the process dies before the dispatcher takes it; and cancels them while they are still Queued.
/// </summary>
public sealed class CommandIntake(FieldlinkDbContext db, CommandSignal signal, WebhookOutbox outbox, TimeProvider time)
{
    /// <summary>
    /// Queues the command for each device, in one transaction. A device that already has a command with the
    /// request's idempotency key gets that command back instead of a new one.
    /// </summary>
    public async Task<IReadOnlyList<Command>> EnqueueAsync(IReadOnlyList<Guid> deviceIds, CommandRequest request, Guid? customerAssetId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        ArgumentNullException.ThrowIfNull(request);
        for (var attempt = 0; ; attempt++)
        {
            var existing = request.IdempotencyKey is { } key
                ? await db.Commands.Where(c => c.IdempotencyKey == key && deviceIds.Contains(c.DeviceRecordId)).ToDictionaryAsync(c => c.DeviceRecordId, cancellationToken)
                : [];
            var commands = deviceIds.Select(id => existing.GetValueOrDefault(id) ?? Add(id, request, customerAssetId)).ToList();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                signal.Notify();
                return commands;
            }
            catch (DbUpdateException ex) when (attempt == 0 && db.Classify(ex) == StoreError.UniqueViolation)
            {
                // A concurrent retry with the same key won the race: answer with its commands.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Cancels a command that is Queued and not being sent this moment, with its event; false when it is past that.</summary>
    public async Task<bool> CancelAsync(Guid commandId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var announce = await outbox.IsWantedAsync(WebhookEventTypes.CommandStatusChanged, cancellationToken);
        await using var transaction = announce ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var canceled = await db.Commands
            .Where(c => c.Id == commandId && c.Status == Sdk.CommandStatus.Queued && (c.LeaseUntil == null || c.LeaseUntil < now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.Status, Sdk.CommandStatus.Canceled)
                    .SetProperty(c => c.CompletedAt, now)
                    .SetProperty(c => c.UpdatedAt, now)
                    .SetProperty(c => c.Version, c => c.Version + 1),
                cancellationToken);
        if (canceled == 1 && transaction is not null)
        {
            await CommandEvents.AddAsync(db, outbox, commandId, Sdk.CommandStatus.Queued, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outbox.Notify();
        }

        return canceled == 1;
    }

    private Command Add(Guid deviceId, CommandRequest request, Guid? customerAssetId)
    {
        var command = new Command
        {
            DeviceRecordId = deviceId,
            CustomerAssetId = customerAssetId,
            Name = request.Name,
            Parameters = (request.Parameters ?? []).ToJsonString(),
            AlertId = request.AlertId,
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
            IdempotencyKey = request.IdempotencyKey,
        };
        db.Commands.Add(command);
        return command;
    }
}
