using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Commands;

/// <summary>
/// Queues commands: written Queued in the same transaction as the request, so a command the API accepted is sent
/// even if the process dies before the dispatcher takes it; and cancels them while they are still Queued. When this
/// process's dispatcher runs, a new command is written leased to it and handed to it in memory after the commit
/// (<see cref="CommandHandoff"/>), so it is sent at once without being claimed; should the process die first, the
/// lease runs out and any process's dispatcher claims it. Calls made at the same time share one write
/// (<see cref="CommandGroupCommit"/>), unless the caller's context has a transaction of its own, which then holds them.
/// </summary>
public sealed class CommandIntake(
    FieldlinkDbContext db,
    CommandSignal signal,
    CommandHandoff handoff,
    CommandGroupCommit groupCommit,
    IOptions<CommandOptions> options,
    CommandTransitions transitions,
    TimeProvider time)
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
            var handOver = handoff.Accepting;
            var added = new List<Command>();
            var commands = deviceIds.Select(id => existing.GetValueOrDefault(id) ?? New(id, request, customerAssetId, handOver, added)).ToList();
            try
            {
                await StoreAsync(added, cancellationToken);
                if (handOver && added.Count > 0)
                {
                    handoff.Offer(added);
                }
                else
                {
                    signal.Notify();
                }

                return commands;
            }
            catch (DbUpdateException ex) when (attempt == 0 && db.Classify(ex) == StoreError.UniqueViolation)
            {
                // A concurrent retry with the same key won the race: answer with its commands.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Cancels a command that is Queued and not being sent this moment, with its event; false when it is past that.
    /// A command waiting for this process's dispatcher is taken back from it first.
    /// </summary>
    public async Task<bool> CancelAsync(Guid commandId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var takenBack = handoff.TryTake(commandId, out var waiting);
        var owner = takenBack ? handoff.Owner : null;
        try
        {
            var canceled = await transitions.CancelAsync(commandId, owner, now, cancellationToken);
            if (!canceled && takenBack)
            {
                handoff.Return(waiting!);
            }

            return canceled;
        }
        catch when (takenBack)
        {
            // Not canceled: the dispatcher sends it after all.
            handoff.Return(waiting!);
            throw;
        }
    }

    /// <summary>In the caller's transaction when it has one; otherwise together with the calls made meanwhile.</summary>
    private async Task StoreAsync(List<Command> added, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            db.Commands.AddRange(added);
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (added.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await groupCommit.WriteAsync(added);
        }
    }

    private Command New(Guid deviceId, CommandRequest request, Guid? customerAssetId, bool handOver, List<Command> added)
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
            LeaseOwner = handOver ? handoff.Owner : null,
            LeaseUntil = handOver ? time.GetUtcNow() + options.Value.LeaseDuration : null,
        };
        added.Add(command);
        return command;
    }
}
