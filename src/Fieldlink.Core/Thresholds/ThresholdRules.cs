using System.Collections.Frozen;
using System.Runtime.InteropServices;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Data;
using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Readings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Thresholds;

/// <summary>
/// Checks stored telemetry against the thresholds of its devices' categories and raises an Anomaly alert through
/// <see cref="AlertIngestion"/> once per crossing, not once per reading: each measure of a device moves between
/// Normal, BelowLow and AboveHigh (<see cref="ThresholdRule.Next"/>), and only entering BelowLow or AboveHigh raises.
/// </summary>
/// <remarks>
/// <para>
/// The check runs in memory against <see cref="ThresholdCache"/>, so a batch that changes no state costs no
/// database round trip. The states are shared by every process (MQTT shared subscriptions spread one device's
/// messages over them), so a change is stored with one conditional upsert that only applies if the stored state is
/// another one and older, and a crossing's alert is raised only when that upsert changed the row: two processes that
/// see the same crossing raise one alert. The upserts and the alerts go in one transaction: an alert is never lost
/// behind a state that says it was raised, nor raised for a state that was not stored.
/// </para>
/// <para>
/// Coming back to Normal raises nothing: the alert stays for a dispatcher to close (a later version may close it).
/// </para>
/// </remarks>
public sealed class ThresholdRules(FieldlinkDbContext db, AlertIngestion alerts, ThresholdCache cache, TimeProvider time, ILogger<ThresholdRules> logger)
{
    /// <summary>
    /// Checks readings that are already stored (an alert is never raised for a reading that was not) and stores the
    /// state changes and alerts they make. Never throws: the telemetry is stored whatever happens here, so a failure is
    /// logged and the changes are kept to retry with the next batch of this process (for
    /// <see cref="ThresholdOptions.RetryFor"/>), and a crossing is not lost because its alert once failed.
    /// </summary>
    /// <param name="providerInstanceId">The instance the telemetry came through.</param>
    /// <param name="readings">The stored readings, in the order they came.</param>
    /// <param name="devices">The devices of the readings that have a category, by device record id; others are not checked.</param>
    /// <param name="cancellationToken">Cancels the check; its changes are then kept for a retry.</param>
    public async Task CheckAsync(Guid providerInstanceId, IReadOnlyList<DeviceReading> readings, IReadOnlyDictionary<Guid, ThresholdDevice> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(devices);
        var transitions = cache.TakePending();
        try
        {
            if (devices.Count > 0)
            {
                await EvaluateAsync(providerInstanceId, readings, devices, transitions, cancellationToken);
            }

            if (transitions.Count > 0)
            {
                await ApplyAsync([.. transitions.Select(p => p.Transition)], cancellationToken);
            }
        }
        catch (Exception ex)
        {
            // Nothing of the changes was committed (states and alerts go in one transaction): keep them all for a retry.
            db.ChangeTracker.Clear();
            cache.KeepPending(transitions);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                ThresholdLog.Canceled(logger, transitions.Count);
            }
            else
            {
                ThresholdLog.ApplyFailed(logger, ex, transitions.Count);
            }
        }
    }

    /// <summary>Adds the state changes of <paramref name="readings"/> to <paramref name="transitions"/>, which holds those waiting.</summary>
    private async Task EvaluateAsync(
        Guid providerInstanceId, IReadOnlyList<DeviceReading> readings, IReadOnlyDictionary<Guid, ThresholdDevice> devices, List<PendingTransition> transitions, CancellationToken cancellationToken)
    {
        FrozenDictionary<Guid, FrozenDictionary<string, ThresholdRule>> rules;
        try
        {
            rules = await cache.RulesAsync(db, [.. devices.Values.Select(d => d.CategoryId).Distinct()], cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only the first read of a process can fail this way (later ones fall back to the rules read before).
            ThresholdLog.RulesUnavailable(logger, ex);
            return;
        }

        var scratch = cache.RentScratch();
        try
        {
            Evaluate(providerInstanceId, readings, devices, rules, transitions, scratch);
        }
        finally
        {
            cache.Return(scratch);
        }
    }

    private void Evaluate(
        Guid providerInstanceId,
        IReadOnlyList<DeviceReading> readings,
        IReadOnlyDictionary<Guid, ThresholdDevice> devices,
        FrozenDictionary<Guid, FrozenDictionary<string, ThresholdRule>> rules,
        List<PendingTransition> transitions,
        ThresholdScratch scratch)
    {
        // The checks of each measure of a device, chained in arrival order: a batch usually holds one reading per
        // measure, so grouping by hash costs far less than sorting thousands of checks by device, measure and time.
        // The lists are the cache's, kept from batch to batch (ThresholdScratch).
        var (checks, next, chains, group) = (scratch.Checks, scratch.Next, scratch.Chains, scratch.Group);
        checks.EnsureCapacity(readings.Count);
        next.EnsureCapacity(readings.Count);
        chains.EnsureCapacity(readings.Count);
        for (var i = 0; i < readings.Count; i++)
        {
            var reading = readings[i];
            if (devices.TryGetValue(reading.DeviceRecordId, out var device)
                && rules.TryGetValue(device.CategoryId, out var measures)
                && measures.TryGetValue(reading.Measure, out var rule))
            {
                var index = checks.Count;
                checks.Add(new ThresholdCheck(i, ReadingTime.Normalize(reading.Timestamp), reading, device, rule));
                next.Add(-1);
                ref var chain = ref CollectionsMarshal.GetValueRefOrAddDefault(chains, (reading.DeviceRecordId, reading.Measure), out var exists);
                if (exists)
                {
                    next[chain.Last] = index;
                    chain.Last = index;
                }
                else
                {
                    chain = (index, index);
                }
            }
        }

        if (checks.Count == 0)
        {
            return;
        }

        // A measure with a change still waiting to be stored goes on from the state that change leads to.
        var waiting = transitions.Count == 0
            ? null
            : transitions
                .Select(p => p.Transition)
                .GroupBy(t => (t.DeviceRecordId, t.Rule.Measure))
                .ToDictionary(g => g.Key, g => g.MaxBy(t => t.At)!);
        var now = time.GetUtcNow();
        foreach (var ((deviceRecordId, measure), (first, _)) in chains)
        {
            group.Clear();
            for (var i = first; i >= 0; i = next[i])
            {
                group.Add(checks[i]);
            }

            // In time order; of several readings with one timestamp the last is the one stored, so it is the one that counts.
            if (group.Count > 1)
            {
                group.Sort(static (a, b) =>
                {
                    var order = a.At.CompareTo(b.At);
                    return order != 0 ? order : a.Index.CompareTo(b.Index);
                });
            }

            var entry = cache.Entry(deviceRecordId, measure);
            lock (entry.Gate)
            {
                var (state, stateAt) = waiting is not null && waiting.TryGetValue((deviceRecordId, measure), out var waited)
                    ? (waited.To, waited.At)
                    : (entry.State, entry.StateAt);
                for (var i = 0; i < group.Count; i++)
                {
                    var check = group[i];
                    if ((i + 1 < group.Count && group[i + 1].At == check.At) || check.At <= stateAt)
                    {
                        // Overwritten by a later reading of the same timestamp; or no later than the reading that made
                        // the state, which it cannot turn back (a retried batch, a late reading). A reading that only
                        // arrives after a later one of another batch is checked: it may be a crossing of its own.
                        continue;
                    }

                    var nextState = check.Rule.Next(state, check.Reading.Value);
                    if (nextState != state)
                    {
                        var transition = new ThresholdTransition(
                            providerInstanceId, check.Reading.DeviceRecordId, check.Device.DeviceId, check.Rule, state, nextState, check.At, check.Reading.Value);
                        transitions.Add(new PendingTransition(transition, now));
                        (state, stateAt) = (nextState, check.At);
                    }
                }
            }
        }
    }

    /// <summary>Stores the state changes and the alerts of the crossings among them, in one transaction.</summary>
    private async Task ApplyAsync(List<ThresholdTransition> transitions, CancellationToken cancellationToken)
    {
        // In key order, so concurrent transactions (of any process) lock the state rows in one order and never wait
        // on each other in a circle; the alert pipeline's own locks come after all of them.
        var ordered = transitions
            .OrderBy(t => t.DeviceRecordId)
            .ThenBy(t => t.Rule.Measure, StringComparer.Ordinal)
            .ThenBy(t => t.At)
            .ToList();
        var now = time.GetUtcNow();
        var applied = new List<ThresholdTransition>(ordered.Count);
        var rejected = new List<ThresholdTransition>();
        var raised = 0;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var moved = await ThresholdStateMoves.MoveAsync(db, ordered, now, cancellationToken);
            for (var i = 0; i < ordered.Count; i++)
            {
                (moved[i] ? applied : rejected).Add(ordered[i]);
            }

            foreach (var crossings in applied.Where(t => t.IsCrossing).GroupBy(t => t.ProviderInstanceId))
            {
                var batch = crossings.ToList();
                var outcomes = await alerts.IngestAsync(crossings.Key, [.. batch.Select(t => t.ToAlert())], cancellationToken);
                for (var i = 0; i < batch.Count; i++)
                {
                    switch (outcomes[i].Status)
                    {
                        case IngestionStatus.Created:
                            raised++;
                            break;
                        case IngestionStatus.Duplicate:
                            break;
                        default:
                            // Refused for good (it would be refused again): keeping the state is the lesser harm than
                            // retrying forever; the error says which crossing went without its alert.
                            ThresholdLog.AlertRefused(logger, batch[i].DeviceId, batch[i].Rule.Measure, outcomes[i].Status.ToString());
                            break;
                    }
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var transition in applied)
        {
            cache.Entry(transition.DeviceRecordId, transition.Rule.Measure).Store(transition.To, transition.At);
        }

        if (rejected.Count > 0)
        {
            await LearnAsync(rejected, cancellationToken);
        }

        ThresholdLog.Applied(logger, applied.Count, raised, rejected.Count);
    }

    /// <summary>Takes the stored states of measures whose change another batch or process had made first.</summary>
    private async Task LearnAsync(List<ThresholdTransition> rejected, CancellationToken cancellationToken)
    {
        try
        {
            var devices = rejected.Select(t => t.DeviceRecordId).Distinct().ToList();
            var rows = await db.ThresholdStates.AsNoTracking().Where(s => devices.Contains(s.DeviceRecordId)).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                cache.Entry(row.DeviceRecordId, row.Measure).Store(row.State, row.At);
            }
        }
        catch (Exception ex)
        {
            // Committed already, so not a failure of the batch: the next refresh of the cache brings the states in.
            ThresholdLog.RefreshFailed(logger, ex);
        }
    }

}
