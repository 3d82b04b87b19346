using System.Data.Common;
using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Fieldlink.Core.Actions;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Outcomes;
using Fieldlink.Core.Validation;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Commands;

/// <summary>
/// Sends queued commands through their devices' connectors, and ends those that expire or get no outcome in time.
/// Commands are claimed with a lease in the database, so several processes share the work and none sends a
/// command another is sending; a command whose process died is taken over when its lease runs out.
/// </summary>
public sealed class CommandDispatcher(
    IServiceScopeFactory scopes,
    CommandSignal signal,
    CommandMessageNames messageNames,
    CommandHandoff handoff,
    IOptions<CommandOptions> options,
    TimeProvider time,
    ILogger<CommandDispatcher> log) : BackgroundService
{
    private readonly string _process = $"{Environment.ProcessId}-{Guid.NewGuid():N}";
    private DateTimeOffset _nextOverdueCheck = DateTimeOffset.MinValue;
    private DateTimeOffset _nextClaim = DateTimeOffset.MinValue;

    // Hand-overs of a round whose recording failed (the store was unreachable, say): recorded before anything else is
    // claimed, so this process never claims, and sends again, a command it has already sent.
    private (string[] Claims, List<(Command Command, Outcome<CommandAcceptance> Result)> HandedOver)? _unrecorded;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }

        handoff.Start();
        try
        {
            await RunRoundsAsync(stoppingToken);
        }
        finally
        {
            await ReleaseAsync(handoff.Stop());
        }
    }

    private async Task RunRoundsAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                CommandLog.RoundFailed(log, ex);
            }

            if (handled < options.Value.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Gives up the leases of commands this process holds (by default those its intake handed over) that will not be
    /// sent here (the dispatcher stops, or one waited so long its lease could run out while it is sent), so the next
    /// poll of any process claims them.
    /// </summary>
    private async Task ReleaseAsync(List<Command> commands, string[]? owners = null)
    {
        if (commands.Count == 0)
        {
            return;
        }

        owners ??= [handoff.Owner];
        try
        {
            var ids = commands.Select(c => c.Id).ToList();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await db.Commands.Where(c => ids.Contains(c.Id) && owners.Contains(c.LeaseOwner!) && c.Status == CommandStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseOwner, (string?)null).SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null), timeout.Token);
        }
        catch (Exception ex) when (ex is DbException or OperationCanceledException or InvalidOperationException)
        {
            // Their leases run out instead.
            CommandLog.RoundFailed(log, ex);
        }
    }

    /// <summary>
    /// One round: end what expired or timed out (at most once per poll interval; a command past its expiry is never
    /// claimed nor handed over meanwhile), then take the commands this process's
    /// intake handed over and, once per poll interval (or while there is a backlog), claim a batch from the database, and
    /// send them. The batch's devices are resolved in one go, and its commands handed over concurrently, one device's in
    /// order, so a connector's round trip (an MQTT PUBACK, a vendor's HTTP call) is waited for about once per batch rather
    /// than once per command. Returns how many it took.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var router = scope.ServiceProvider.GetRequiredService<ActionRouter>();
        var outbox = scope.ServiceProvider.GetRequiredService<WebhookOutbox>();
        if (_unrecorded is { } unrecorded)
        {
            await RecordAsync(db, outbox, unrecorded.Claims, unrecorded.HandedOver);
            _unrecorded = null;
        }

        var now = time.GetUtcNow();
        if (now >= _nextOverdueCheck)
        {
            await EndOverdueAsync(db, outbox, cancellationToken);
            _nextOverdueCheck = now + options.Value.PollInterval;
        }

        // A handed-over command is sent only while at least half its lease is left, as a claimed one is, and not expired.
        var handedIn = handoff.Take(options.Value.BatchSize);
        var late = handedIn.Where(c => c.LeaseUntil is not { } until || until - now < options.Value.LeaseDuration / 2 || c.ExpiresAt <= now).ToList();
        await ReleaseAsync(late);
        var claimed = handedIn.Except(late).ToList();
        var claim = $"{_process}:{Guid.NewGuid():N}";
        var room = options.Value.BatchSize - claimed.Count;
        if (room > 0 && (now >= _nextClaim || !handoff.Accepting))
        {
            var fromStore = await db.CommandsSql.ClaimAsync(db, claim, now, now + options.Value.LeaseDuration, room, cancellationToken);
            _nextClaim = fromStore.Count < room ? now + options.Value.PollInterval : now;
            claimed.AddRange(fromStore);
        }

        if (claimed.Count == 0)
        {
            return handedIn.Count;
        }

        var names = await messageNames.GetAsync(db, cancellationToken);
        var targets = (await router.ResolveAsync([.. claimed.Select(c => c.DeviceRecordId).Distinct()], cancellationToken)).ToDictionary(t => t.Device.Id);
        string[] claims = [claim, handoff.Owner];
        List<(Command, Outcome<CommandAcceptance>)>[] handedOver;
        using (var handingOver = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var renewing = RenewLeasesAsync([.. claimed.Select(c => c.Id)], claims, handingOver.Token);
            try
            {
                handedOver = await Task.WhenAll(claimed
                    .Where(c => targets.ContainsKey(c.DeviceRecordId))
                    .GroupBy(c => c.DeviceRecordId)
                    .Select(async commands =>
                    {
                        var results = new List<(Command, Outcome<CommandAcceptance>)>();
                        foreach (var command in commands)
                        {
                            try
                            {
                                results.Add((command, await HandOverAsync(router, command, targets[command.DeviceRecordId], names, cancellationToken)));
                            }
                            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                            {
                                // The process stops: what was handed over is still recorded below, the rest released.
                                break;
                            }
                        }

                        return results;
                    }));
            }
            finally
            {
                await handingOver.CancelAsync();
                await renewing;
            }
        }

        _unrecorded = (claims, [.. handedOver.SelectMany(r => r)]);
        await RecordAsync(db, outbox, claims, _unrecorded.Value.HandedOver);
        _unrecorded = null;
        if (cancellationToken.IsCancellationRequested)
        {
            // Those not yet tried when the process began to stop go to the next poll of any process, not after the lease.
            var tried = handedOver.SelectMany(r => r).Select(h => h.Item1.Id).ToHashSet();
            await ReleaseAsync([.. claimed.Where(c => !tried.Contains(c.Id))], claims);
        }

        return claimed.Count + late.Count;
    }

    /// <summary>
    /// Keeps the leases of the commands being handed over from running out while they are (a device's commands go one
    /// after another, each may take up to the action timeout), so no process claims and sends a command this one is
    /// still sending. Renews a third of a lease before it would end; a renewal that fails is tried again at the next.
    /// </summary>
    private async Task RenewLeasesAsync(List<Guid> ids, string[] owners, CancellationToken handingOver)
    {
        var every = options.Value.LeaseDuration / 3;
        while (!handingOver.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, handingOver);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
                var until = time.GetUtcNow() + options.Value.LeaseDuration;
                await db.Commands.Where(c => ids.Contains(c.Id) && owners.Contains(c.LeaseOwner!) && c.Status == CommandStatus.Queued)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseUntil, until), handingOver);
            }
            catch (OperationCanceledException) when (handingOver.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever failed, the hand-over goes on and its record must follow: a renewal that throws out of
                // here would leave the round's hand-overs unrecorded, and the commands sent again after the lease.
                CommandLog.LeaseRenewalFailed(log, ids.Count, ex);
            }
        }
    }

    private async Task EndOverdueAsync(FieldlinkDbContext db, WebhookOutbox outbox, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expiring = db.Commands
            .Where(c => c.Status == CommandStatus.Queued && c.ExpiresAt != null && c.ExpiresAt <= now && (c.LeaseUntil == null || c.LeaseUntil < now));
        await MoveManyAsync(db, outbox, expiring, CommandStatus.Queued, c => c.Status == CommandStatus.Expired && c.CompletedAt == now, q => q.ExecuteUpdateAsync(
            s => s.SetProperty(c => c.Status, CommandStatus.Expired)
                .SetProperty(c => c.CompletedAt, now)
                .SetProperty(c => c.Error, "The command expired before it could be sent.")
                .SetProperty(c => c.UpdatedAt, now)
                .SetProperty(c => c.Version, c => c.Version + 1),
            cancellationToken), cancellationToken);
        var unanswered = db.Commands
            .Where(c => (c.Status == CommandStatus.Sent || c.Status == CommandStatus.Delivered) && c.TimeoutAt != null && c.TimeoutAt <= now);
        await MoveManyAsync(db, outbox, unanswered, null, c => c.Status == CommandStatus.TimedOut && c.CompletedAt == now, q => q.ExecuteUpdateAsync(
            s => s.SetProperty(c => c.Status, CommandStatus.TimedOut)
                .SetProperty(c => c.CompletedAt, now)
                .SetProperty(c => c.Error, "The device did not report an outcome in time.")
                .SetProperty(c => c.UpdatedAt, now)
                .SetProperty(c => c.Version, c => c.Version + 1),
            cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Moves the commands <paramref name="matching"/> with <paramref name="update"/>; when someone wants
    /// <c>command.status_changed</c>, in one transaction with an event for each command it moved (those that match
    /// <paramref name="movedNow"/> afterwards: the update stamps them with its own time).
    /// </summary>
    private static async Task MoveManyAsync(
        FieldlinkDbContext db, WebhookOutbox outbox, IQueryable<Command> matching, CommandStatus? from, Expression<Func<Command, bool>> movedNow,
        Func<IQueryable<Command>, Task<int>> update, CancellationToken cancellationToken)
    {
        if (!await outbox.IsWantedAsync(WebhookEventTypes.CommandStatusChanged, cancellationToken))
        {
            await update(matching);
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
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            outbox.Notify();
        }
    }

    /// <summary>Moves one command from Queued with <paramref name="update"/>, with its event in the same transaction when someone wants it.</summary>
    private static async Task MoveOneAsync(FieldlinkDbContext db, WebhookOutbox outbox, Guid commandId, Func<Task<int>> update, CancellationToken cancellationToken)
    {
        if (!await outbox.IsWantedAsync(WebhookEventTypes.CommandStatusChanged, cancellationToken))
        {
            await update();
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await update() == 1)
        {
            await CommandEvents.AddAsync(db, outbox, commandId, CommandStatus.Queued, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
    }

    private static Task<Outcome<CommandAcceptance>> HandOverAsync(ActionRouter router, Command command, ActionTarget target, CommandMessageNames.Names names, CancellationToken cancellationToken)
    {
        var parameters = JsonNode.Parse(command.Parameters) as JsonObject ?? [];
        var message = new DeviceCommand(command.Id, target.Device.ToRef(), command.Name, parameters, command.ExpiresAt)
        {
            Message = new JsonObject { [names.Name] = command.Name, [names.Parameters] = parameters.DeepClone() },
        };
        return router.RunAsync<ISendCommands, CommandAcceptance>(
            ConnectorAction.SendCommand, target, (connector, ct) => connector.SendCommandAsync(message, ct), cancellationToken);
    }

    /// <summary>
    /// Records the batch's hand-overs: the accepted ones Sent in one statement, the rest one by one. Every update
    /// matches only commands still leased to <paramref name="claims"/>, so recording again after a failure changes
    /// nothing already recorded. Not canceled when the host stops: a command handed over is recorded, or a graceful
    /// stop would have it sent again by the next process; bounded by its own timeout instead.
    /// </summary>
    private async Task RecordAsync(FieldlinkDbContext db, WebhookOutbox outbox, string[] claims, List<(Command Command, Outcome<CommandAcceptance> Result)> handedOver)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30), time);
        var cancellationToken = timeout.Token;
        var now = time.GetUtcNow();
        var accepted = handedOver.Where(h => h.Result is { Value.Accepted: true }).Select(h => h.Command.Id).ToList();
        if (accepted.Count > 0)
        {
            // The batch's rows are locked in id order first, as a batch of acks locks them, so the two never deadlock.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.CommandsSql.LockAsync(db, accepted, cancellationToken);
            var sent = 0;
            var mineAccepted = db.Commands.Where(c => accepted.Contains(c.Id) && claims.Contains(c.LeaseOwner!) && c.Status == CommandStatus.Queued);
            await MoveManyAsync(db, outbox, mineAccepted, CommandStatus.Queued, c => c.Status == CommandStatus.Sent && c.SentAt == now, async q => sent = await q.ExecuteUpdateAsync(
                s => s.SetProperty(c => c.Status, CommandStatus.Sent)
                    .SetProperty(c => c.SentAt, now)
                    .SetProperty(c => c.TimeoutAt, now + options.Value.OutcomeTimeout)
                    .SetProperty(c => c.Attempts, c => c.Attempts + 1)
                    .SetProperty(c => c.Error, (string?)null)
                    .SetProperty(c => c.LeaseOwner, (string?)null)
                    .SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(c => c.UpdatedAt, now)
                    .SetProperty(c => c.Version, c => c.Version + 1),
                cancellationToken), cancellationToken);

            // The device may have answered before the hand-over returned: its command moved past Sent (the report set
            // its sentAt) but still holds this round's lease. It was handed over now all the same: count the try, let
            // go of the lease, and give a command not yet final its outcome timeout. An earlier try's error stays
            // only on a command that did not succeed.
            if (sent < accepted.Count)
            {
                var timeoutAt = now + options.Value.OutcomeTimeout;
                await db.Commands.Where(c => accepted.Contains(c.Id) && claims.Contains(c.LeaseOwner!) && c.Status != CommandStatus.Queued)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(c => c.SentAt, c => c.SentAt ?? now)
                            .SetProperty(c => c.Attempts, c => c.Attempts + 1)
                            .SetProperty(c => c.Error, c => c.Status == CommandStatus.Succeeded ? null : c.Error)
                            .SetProperty(c => c.TimeoutAt, c => c.Status == CommandStatus.Sent || c.Status == CommandStatus.Delivered ? timeoutAt : c.TimeoutAt)
                            .SetProperty(c => c.LeaseOwner, (string?)null)
                            .SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null),
                        cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            if (await outbox.IsWantedAsync(WebhookEventTypes.CommandStatusChanged, cancellationToken))
            {
                outbox.Notify();
            }
            foreach (var (command, _) in handedOver.Where(h => h.Result is { Value.Accepted: true }))
            {
                CommandLog.Moved(log, command.Id, command.Name, CommandStatus.Sent);
            }
        }

        foreach (var (command, result) in handedOver.Where(h => h.Result is not { Value.Accepted: true }))
        {
            var attempts = command.Attempts + 1;
            var mine = db.Commands.Where(c => c.Id == command.Id && claims.Contains(c.LeaseOwner!) && c.Status == CommandStatus.Queued);
            switch (result)
            {
                case { Value.Accepted: false }:
                    await MoveOneAsync(db, outbox, command.Id, () => FailAsync(mine, attempts, result.Value.Reason ?? "The provider's system refused the command.", now, cancellationToken, result.Value.Detail), cancellationToken);
                    break;
                case { Refusal.Kind: RefusalKind.Failed or RefusalKind.TimedOut } when attempts < options.Value.MaxAttempts:
                    // Tried again later with the same command id, which a system can use to drop a repeat it did receive.
                    CommandLog.HandOverFailed(log, command.Id, attempts, result.Refusal.Message);
                    var retryAt = now + TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, attempts)));
                    var retryError = StorableValues.Escape(result.Refusal.Message, Command.ErrorMaxLength);
                    await mine.ExecuteUpdateAsync(
                        s => s.SetProperty(c => c.Attempts, attempts)
                            .SetProperty(c => c.Error, retryError)
                            .SetProperty(c => c.LeaseOwner, (string?)null)
                            .SetProperty(c => c.LeaseUntil, retryAt)
                            .SetProperty(c => c.UpdatedAt, now)
                            .SetProperty(c => c.Version, c => c.Version + 1),
                        cancellationToken);
                    break;
                default:
                    await MoveOneAsync(db, outbox, command.Id, () => FailAsync(mine, attempts, result.Refusal!.Message, now, cancellationToken), cancellationToken);
                    break;
            }
        }
    }

    /// <remarks>
    /// A connector's or a vendor's words are kept bounded and storable (a NUL or a cut surrogate pair escaped): a record
    /// the store refused would be retried before anything new is claimed, and stop this process sending commands.
    /// </remarks>
    private static Task<int> FailAsync(IQueryable<Command> mine, int attempts, string error, DateTimeOffset now, CancellationToken cancellationToken, string? detail = null)
    {
        var storedError = StorableValues.Escape(error, Command.ErrorMaxLength);
        var storedDetail = detail is null ? null : StorableValues.Escape(detail, Command.ErrorDetailMaxLength);
        return mine.ExecuteUpdateAsync(
            s => s.SetProperty(c => c.Status, CommandStatus.Failed)
                .SetProperty(c => c.Error, storedError)
                .SetProperty(c => c.ErrorDetail, storedDetail)
                .SetProperty(c => c.Attempts, attempts)
                .SetProperty(c => c.CompletedAt, now)
                .SetProperty(c => c.LeaseOwner, (string?)null)
                .SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(c => c.UpdatedAt, now)
                .SetProperty(c => c.Version, c => c.Version + 1),
            cancellationToken);
    }
}
