using Fieldlink.Core.Actions;
using Fieldlink.Core.Outcomes;
using Fieldlink.Sdk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Commands;

/// <summary>
/// Records what became of a <see cref="CommandDispatcher"/> round's hand-overs, through <see cref="CommandTransitions"/>:
/// the accepted ones Sent in one statement, the refused ones Failed, those that failed retried later until the last
/// attempt, which fails them. Every write matches only commands still leased to the round's claims, so recording again
/// after a failure changes nothing already recorded.
/// </summary>
/// <remarks>
/// The dispatcher's rounds run in the background; each adds its hand-overs with <see cref="Add"/> once they are done,
/// and <see cref="RecordAddedAsync"/> records whatever rounds added by then in one transaction. A record that fails is
/// kept (<see cref="HasFailed"/>) until <see cref="RecordFailedAsync"/> records it, which the dispatcher does before it
/// claims anything, so this process never claims, and sends again, a command it has already sent. Thread-safe.
/// </remarks>
internal sealed class CommandHandOverRecorder(IOptions<CommandOptions> options, TimeProvider time, ILogger log)
{
    // Rounds whose hand-overs are done and wait to be recorded.
    private readonly List<(string[] Claims, List<(Command Command, Outcome<CommandAcceptance> Result)> HandedOver)> _added = [];

    // Records that failed (the store was unreachable, say), to record before anything else is claimed.
    private readonly List<(string[] Claims, List<(Command Command, Outcome<CommandAcceptance> Result)> HandedOver)> _failed = [];

    /// <summary>Whether a record failed and waits for <see cref="RecordFailedAsync"/>.</summary>
    public bool HasFailed
    {
        get
        {
            lock (_failed)
            {
                return _failed.Count > 0;
            }
        }
    }

    /// <summary>Adds a round's hand-overs to the next record.</summary>
    public void Add(string[] claims, List<(Command Command, Outcome<CommandAcceptance> Result)> handedOver)
    {
        lock (_added)
        {
            _added.Add((claims, handedOver));
        }
    }

    /// <summary>
    /// Records every round added so far, in one transaction. If that fails, the record is kept for
    /// <see cref="RecordFailedAsync"/>, the failure logged, and false returned.
    /// </summary>
    public async Task<bool> RecordAddedAsync(CommandTransitions transitions)
    {
        (string[] Claims, List<(Command Command, Outcome<CommandAcceptance> Result)> HandedOver) batch;
        lock (_added)
        {
            batch = ([.. _added.SelectMany(r => r.Claims).Distinct()], [.. _added.SelectMany(r => r.HandedOver)]);
            _added.Clear();
        }

        if (batch.HandedOver.Count == 0)
        {
            return true;
        }

        try
        {
            await RecordAsync(transitions, batch.Claims, batch.HandedOver);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            lock (_failed)
            {
                _failed.Add(batch);
            }

            CommandLog.RoundFailed(log, ex);
            return false;
        }
    }

    /// <summary>Records again what failed to be recorded; throws while the store still refuses, keeping what is left.</summary>
    public async Task RecordFailedAsync(CommandTransitions transitions)
    {
        (string[] Claims, List<(Command Command, Outcome<CommandAcceptance> Result)> HandedOver)[] failed;
        lock (_failed)
        {
            failed = [.. _failed];
        }

        foreach (var entry in failed)
        {
            await RecordAsync(transitions, entry.Claims, entry.HandedOver);
            lock (_failed)
            {
                _failed.Remove(entry);
            }
        }
    }

    /// <summary>
    /// Records the hand-overs. Not canceled when the host stops: a command handed over is recorded, or a graceful stop
    /// would have it sent again by the next process; bounded by its own timeout instead.
    /// </summary>
    private async Task RecordAsync(CommandTransitions transitions, string[] claims, List<(Command Command, Outcome<CommandAcceptance> Result)> handedOver)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30), time);
        var cancellationToken = timeout.Token;
        var now = time.GetUtcNow();
        var accepted = handedOver.Where(h => h.Result is { Value.Accepted: true }).Select(h => h.Command).ToList();
        if (accepted.Count > 0)
        {
            await transitions.SentAsync(
                [.. accepted.Select(c => c.Id)], claims, now + options.Value.OutcomeTimeout, now, accepted.ToDictionary(c => c.Id, c => c.DeviceRecordId), cancellationToken);
            foreach (var command in accepted)
            {
                CommandLog.Moved(log, command.Id, command.Name, CommandStatus.Sent);
            }
        }

        foreach (var (command, result) in handedOver.Where(h => h.Result is not { Value.Accepted: true }))
        {
            var attempts = command.Attempts + 1;
            switch (result)
            {
                case { Value.Accepted: false }:
                    await transitions.FailAsync(
                        command.Id, claims, attempts, result.Value.Reason ?? "The provider's system refused the command.", result.Value.Detail, now, cancellationToken);
                    break;
                case { Refusal.Kind: RefusalKind.Failed or RefusalKind.TimedOut } when attempts < options.Value.MaxAttempts:
                    // Tried again later with the same command id, which a system can use to drop a repeat it did receive.
                    CommandLog.HandOverFailed(log, command.Id, attempts, result.Refusal.Message);
                    var retryAt = now + TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, attempts)));
                    await transitions.RetryLaterAsync(command.Id, claims, attempts, result.Refusal.Message, retryAt, now, cancellationToken);
                    break;
                default:
                    await transitions.FailAsync(command.Id, claims, attempts, result.Refusal!.Message, null, now, cancellationToken);
                    break;
            }
        }
    }
}
