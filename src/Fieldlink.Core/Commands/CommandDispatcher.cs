using System.Text.Json.Nodes;
using Fieldlink.Core.Actions;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Fleet;
using Fieldlink.Core.Outcomes;
using Fieldlink.Core.Devices;
using Fieldlink.Sdk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Commands;

/// <summary>
/// Sends queued commands through their devices' connectors, and ends those that expire or get no outcome in time.
/// Commands are claimed with a lease in the database, so several processes share the work and none sends a
/// command another is sending; a command whose process died is released by a survivor once that process's heartbeat stops
/// (<see cref="Fleet.FleetHeartbeat"/>: lease owners carry the process's incarnation), and taken over when its lease runs
/// out at the latest. Runs its rounds on
/// <see cref="WakeUpSignal.RunRoundsAsync"/> like the other workers; <see cref="CommandLeases"/> keeps and gives up the
/// leases, <see cref="CommandHandOverRecorder"/> records each round's hand-overs, and every status change goes through
/// <see cref="CommandTransitions"/>.
/// </summary>
public sealed class CommandDispatcher(
    IServiceScopeFactory scopes,
    CommandSignal signal,
    CommandMessageNames messageNames,
    CommandHandoff handoff,
    ThisNode node,
    IOptions<CommandOptions> options,
    TimeProvider time,
    ILogger<CommandDispatcher> log) : BackgroundService
{
    private readonly CommandLeases _leases = new(scopes, options, time, log);
    private readonly CommandHandOverRecorder _recorder = new(options, time, log);
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
            await signal.RunRoundsAsync(RunOnceAsync, options.Value.BatchSize, options.Value.PollInterval, ex => CommandLog.RoundFailed(log, ex), stoppingToken);
        }
        finally
        {
            await ReleaseAsync(handoff.Stop());
        }
    }

    /// <summary>
    /// Gives up the leases of commands this process holds (by default those its intake handed over) that will not be
    /// sent here (the dispatcher stops, or one waited so long its lease could run out while it is sent), so the next
    /// poll of any process claims them.
    /// </summary>
    private Task ReleaseAsync(List<Command> commands, string[]? owners = null) => _leases.ReleaseAsync(commands, owners ?? [handoff.Owner]);

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
        var transitions = scope.ServiceProvider.GetRequiredService<CommandTransitions>();
        if (_unrecorded is { } unrecorded)
        {
            await _recorder.RecordAsync(transitions, unrecorded.Claims, unrecorded.HandedOver);
            _unrecorded = null;
        }

        var now = time.GetUtcNow();
        if (now >= _nextOverdueCheck)
        {
            await transitions.EndOverdueAsync(time.GetUtcNow(), cancellationToken);
            _nextOverdueCheck = now + options.Value.PollInterval;
        }

        // A handed-over command is sent only while at least half its lease is left, as a claimed one is, and not expired.
        var handedIn = handoff.Take(options.Value.BatchSize);
        var late = handedIn.Where(c => c.LeaseUntil is not { } until || until - now < options.Value.LeaseDuration / 2 || c.ExpiresAt <= now).ToList();
        await ReleaseAsync(late);
        var claimed = handedIn.Except(late).ToList();
        var claim = node.NewClaim();
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
            var renewing = _leases.RenewAsync([.. claimed.Select(c => c.Id)], claims, handingOver.Token);
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
        await _recorder.RecordAsync(transitions, claims, _unrecorded.Value.HandedOver);
        _unrecorded = null;
        if (cancellationToken.IsCancellationRequested)
        {
            // Those not yet tried when the process began to stop go to the next poll of any process, not after the lease.
            var tried = handedOver.SelectMany(r => r).Select(h => h.Item1.Id).ToHashSet();
            await ReleaseAsync([.. claimed.Where(c => !tried.Contains(c.Id))], claims);
        }

        return claimed.Count + late.Count;
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
}
