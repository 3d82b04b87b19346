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
internal sealed class CommandHandOverRecorder(IOptions<CommandOptions> options, TimeProvider time, ILogger log)
{
    /// <summary>
    /// Records the hand-overs. Not canceled when the host stops: a command handed over is recorded, or a graceful stop
    /// would have it sent again by the next process; bounded by its own timeout instead.
    /// </summary>
    public async Task RecordAsync(CommandTransitions transitions, string[] claims, List<(Command Command, Outcome<CommandAcceptance> Result)> handedOver)
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
