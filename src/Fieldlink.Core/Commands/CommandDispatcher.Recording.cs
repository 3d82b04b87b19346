using Fieldlink.Core.Outcomes;
using Fieldlink.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Commands;

// The background half of a round: its hand-overs awaited and recorded, in order, and what failed to be recorded.
public sealed partial class CommandDispatcher
{
    /// <summary>
    /// The background half of a round: waits for its hand-overs, stops renewing their leases, and records them after
    /// the round before was recorded (so records go in order and one at a time), together with those of later rounds
    /// whose hand-overs are done by then. Not canceled when the host stops: a
    /// command handed over is recorded, or the next process would send it again. A record that fails is kept for the
    /// next round to record before anything else.
    /// </summary>
    private async Task RecordAsync(
        AsyncServiceScope scope,
        Task previous,
        List<Command> claimed,
        string[] claims,
        List<Task<(Command, Outcome<CommandAcceptance>)?>> handOvers,
        CancellationTokenSource renewal,
        Task renewing,
        CancellationToken cancellationToken)
    {
        await using (scope)
        {
            var handedOver = new List<(Command Command, Outcome<CommandAcceptance> Result)>(handOvers.Count);
            try
            {
                foreach (var handOver in handOvers)
                {
                    try
                    {
                        if (await handOver is { } result)
                        {
                            handedOver.Add(result);
                        }
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // Not known to be handed over: left leased, so it is sent again once the lease runs out.
                        CommandLog.RoundFailed(log, ex);
                    }
                }
            }
            finally
            {
                await renewal.CancelAsync();
                await renewing;
                renewal.Dispose();
            }

            _recorder.Add(claims, handedOver);
            await Quietly(previous);

            // Whatever later rounds handed over by now is recorded with this round's, in one transaction.
            if (!await _recorder.RecordAddedAsync(scope.ServiceProvider.GetRequiredService<CommandTransitions>()))
            {
                return;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                // Those not yet tried when the process began to stop go to the next poll of any process, not after the lease.
                var tried = handedOver.Select(h => h.Command.Id).ToHashSet();
                await ReleaseAsync([.. claimed.Where(c => !tried.Contains(c.Id))], claims);
            }
        }
    }

    /// <summary>Records again what failed to be recorded; throws (the round fails, nothing is claimed) while the store still refuses.</summary>
    private async Task RecordUnrecordedAsync()
    {
        if (!_recorder.HasFailed)
        {
            return;
        }

        await InFlightDoneAsync();
        await using var scope = scopes.CreateAsyncScope();
        await _recorder.RecordFailedAsync(scope.ServiceProvider.GetRequiredService<CommandTransitions>());
    }

    /// <summary>Waits until every round's hand-overs are recorded (or their record failed, and waits in the recorder).</summary>
    private async Task InFlightDoneAsync()
    {
        while (_inFlight.TryDequeue(out var round))
        {
            await Quietly(round);
        }
    }

    /// <summary>Waits for a task whose failure was handled (logged, kept for recording again) where it happened.</summary>
    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Handled where it happened.
        }
    }
}
