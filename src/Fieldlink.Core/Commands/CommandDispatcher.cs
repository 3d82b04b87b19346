using Fieldlink.Core.Actions;
using Fieldlink.Core.Data;
using Fieldlink.Core.Fleet;
using Fieldlink.Core.Outcomes;
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
public sealed partial class CommandDispatcher(
    IServiceScopeFactory scopes,
    CommandSignal signal,
    CommandMessageNames messageNames,
    CommandHandoff handoff,
    ThisNode node,
    IOptions<CommandOptions> options,
    TimeProvider time,
    ILogger<CommandDispatcher> log,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    /// <summary>How many rounds' hand-overs may be in flight (published, their PUBACKs or vendors' answers awaited, then recorded) while the next rounds go on.</summary>
    private const int MaxRoundsInFlight = 8;

    private readonly CommandLeases _leases = new(scopes, options, time, log);
    private readonly CommandHandOverRecorder _recorder = new(options, time, log);
    private readonly Queue<Task> _inFlight = new();
    private readonly Dictionary<Guid, Task> _deviceTails = [];
    private Task _recording = Task.CompletedTask;
    private DateTimeOffset _nextOverdueCheck = DateTimeOffset.MinValue;
    private DateTimeOffset _nextClaim = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }

        handoff.Start();
        try
        {
            // Commands queued meanwhile wait in the hand-off; the first round waits for the server to listen (HostStart).
            await HostStart.WhenStartedAsync(lifetime, stoppingToken);
            await signal.RunRoundsAsync(RunOnceAsync, options.Value.BatchSize, options.Value.PollInterval, ex => CommandLog.RoundFailed(log, ex), stoppingToken);
        }
        finally
        {
            // What was handed over is recorded before the leases of what still waits are given up.
            await InFlightDoneAsync();
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
    /// claimed nor handed over meanwhile), then take the commands this process's intake handed over and, once per poll
    /// interval (or while there is a backlog), claim a batch from the database, and start sending them. The batch's
    /// devices are resolved in one go and its commands handed over concurrently, one device's in order (after that
    /// device's commands of earlier rounds). The round does not wait for the connectors' answers (an MQTT PUBACK, a
    /// vendor's HTTP call) nor for their record: those go on in the background, recorded round after round in one
    /// statement each, while the next round already sends what was queued meanwhile; at most
    /// <see cref="MaxRoundsInFlight"/> rounds are under way at once. Returns how many it took.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await RecordUnrecordedAsync();
        var start = time.GetUtcNow();
        if (handoff.Accepting && handoff.Count == 0 && start < _nextClaim && start < _nextOverdueCheck)
        {
            // Woken by a hand-over's end with nothing waiting: nothing to do before the next poll.
            return 0;
        }

        var scope = scopes.CreateAsyncScope();
        var background = false;
        var handedIn = new List<Command>();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            var router = scope.ServiceProvider.GetRequiredService<ActionRouter>();
            var now = time.GetUtcNow();
            if (now >= _nextOverdueCheck)
            {
                await scope.ServiceProvider.GetRequiredService<CommandTransitions>().EndOverdueAsync(time.GetUtcNow(), cancellationToken);
                _nextOverdueCheck = now + options.Value.PollInterval;
            }

            // A handed-over command is sent only while at least half its lease is left, as a claimed one is, and not expired.
            // A device still handing over an earlier command keeps its next ones waiting in the hand-off (where a
            // cancel still takes them back) until it is free; its hand-over's end wakes the dispatcher for them.
            handedIn = handoff.Take(options.Value.BatchSize, c => !Busy(c.DeviceRecordId));
            var late = handedIn.Where(c => c.LeaseUntil is not { } until || until - now < options.Value.LeaseDuration / 2 || c.ExpiresAt <= now).ToList();
            await ReleaseAsync(late);
            var claimed = handedIn.Except(late).ToList();
            var claim = node.NewClaim();
            var room = options.Value.BatchSize - claimed.Count;
            if (room > 0 && (now >= _nextClaim || !handoff.Accepting))
            {
                // Earlier rounds are recorded first: a command whose record failed is recorded again before any claim.
                await InFlightDoneAsync();
                await RecordUnrecordedAsync();
                var fromStore = await db.CommandsSql.ClaimAsync(db, claim, now, now + options.Value.LeaseDuration, room, cancellationToken);
                _nextClaim = fromStore.Count < room ? now + options.Value.PollInterval : now;
                claimed.AddRange(fromStore);
            }

            if (claimed.Count == 0)
            {
                return handedIn.Count;
            }

            var names = await messageNames.GetAsync(db, cancellationToken);
            var targets = (await router.ResolveForReadingAsync([.. claimed.Select(c => c.DeviceRecordId).Distinct()], cancellationToken)).ToDictionary(t => t.Device.Id);
            string[] claims = [claim, handoff.Owner];
            var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var renewing = _leases.RenewAsync([.. claimed.Select(c => c.Id)], claims, renewal.Token);
            ForgetFinishedDevices();
            var handOvers = new List<Task<(Command, Outcome<CommandAcceptance>)?>>(claimed.Count);
            foreach (var command in claimed.Where(c => targets.ContainsKey(c.DeviceRecordId)))
            {
                var previous = _deviceTails.GetValueOrDefault(command.DeviceRecordId) ?? Task.CompletedTask;
                var handOver = HandOverAfterAsync(previous, router, command, targets[command.DeviceRecordId], names, signal, cancellationToken);
                _deviceTails[command.DeviceRecordId] = handOver;
                handOvers.Add(handOver);
            }

            _recording = RecordAsync(scope, _recording, claimed, claims, handOvers, renewal, renewing, cancellationToken);
            background = true;
            _inFlight.Enqueue(_recording);
            while (_inFlight.Count > MaxRoundsInFlight || (_inFlight.Count > 0 && _inFlight.Peek().IsCompleted))
            {
                await Quietly(_inFlight.Dequeue());
            }

            return claimed.Count + late.Count;
        }
        catch when (!background)
        {
            // Nothing of this round was sent: what the intake handed over waits for the next round, not for its lease.
            handoff.PutBack(handedIn);
            throw;
        }
        finally
        {
            if (!background)
            {
                await scope.DisposeAsync();
            }
        }
    }
}
