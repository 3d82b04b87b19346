using Fieldlink.Core.Data;
using Fieldlink.Core.Live;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Fleet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Alerts;

/// <summary>
/// Pulls the device's data for each new parent alert, when IoT settings say so, as the reference does, and links the
/// data history record to the alert. After the alert is stored, so ingestion never waits on a vendor's system. Each
/// alert is claimed by one conditional update that leases it to this process's incarnation (<see cref="ThisNode"/>),
/// so with several processes a pull is made once while its maker lives; the flag stays set until the pull is made.
/// A process that stops during a pull hands its claims back; one that dies has them released by the survivor that
/// finds it dead (<see cref="NodeLeases"/>), or they run out after <see cref="AlertOptions.AutoPullLeaseDuration"/>;
/// a living process renews them while its pull runs, however slow the vendor.
/// </summary>
public sealed class AlertAutoPull(
    IServiceScopeFactory scopes, AlertSignal signal, ThisNode node, TimeProvider time, IOptions<AlertOptions> options, ILogger<AlertAutoPull> log, IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    // The first round waits for the server to listen (HostStart).
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStart.WhenStartedAsync(lifetime, stoppingToken);
        await signal.RunRoundsAsync(RunOnceAsync, options.Value.AutoPullBatchSize, options.Value.AutoPullPollInterval, ex => AlertLog.AutoPullFailed(log, ex), stoppingToken);
    }

    /// <summary>One round: claim pending alerts nobody holds, pull their devices in one batch, link the records. Returns how many it found.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var now = time.GetUtcNow();

        // Pending alerts are few (the filtered index holds only them); the lease test is made on those rows alone.
        var pending = await db.Alerts.AsNoTracking()
            .Where(a => a.AutoPullPending && (a.AutoPullLeaseUntil == null || a.AutoPullLeaseUntil < now))
            .OrderBy(a => a.CreatedAt)
            .Select(a => new { a.Id, a.DeviceRecordId }).Take(options.Value.AutoPullBatchSize).ToListAsync(cancellationToken);
        var claim = node.NewClaim();
        var until = now + options.Value.AutoPullLeaseDuration;
        var claimed = new List<(Guid Alert, Guid Device)>();
        var candidates = pending.Where(a => a.DeviceRecordId is not null).Select(a => a.Id).ToList();
        if (candidates.Count > 0)
        {
            // One conditional update claims the round's alerts, and the claim (new each round) says which it took: a
            // statement, and a commit to sync, per round rather than per alert, so a burst of new groups does not
            // queue a commit per alert behind the ingestion's.
            await db.Alerts
                .Where(a => candidates.Contains(a.Id) && a.AutoPullPending && (a.AutoPullLeaseUntil == null || a.AutoPullLeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.AutoPullLeaseOwner, claim).SetProperty(a => a.AutoPullLeaseUntil, until), cancellationToken);
            var taken = (await db.Alerts.AsNoTracking()
                .Where(a => candidates.Contains(a.Id) && a.AutoPullLeaseOwner == claim)
                .Select(a => a.Id)
                .ToListAsync(cancellationToken)).ToHashSet();
            claimed.AddRange(pending.Where(a => taken.Contains(a.Id)).Select(a => (a.Id, a.DeviceRecordId!.Value)));
        }

        if (claimed.Count == 0)
        {
            return pending.Count;
        }

        IReadOnlyList<DeviceActionResult<DeviceDataHistory>> results;
        using (var pulling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var renewing = RenewAsync([.. claimed.Select(c => c.Alert)], claim, pulling.Token);
            try
            {
                results = await scope.ServiceProvider.GetRequiredService<DevicePuller>().PullAsync([.. claimed.Select(c => c.Device).Distinct()], cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // A renewal after the hand-back finds the claim gone and changes nothing.
                await HandBackAsync(db, claim, claimed);
                throw;
            }
            finally
            {
                await pulling.CancelAsync();
                await renewing;
            }
        }

        // One update per pull record (the alerts of one device share it), and one for those whose pull failed.
        var linked = new List<RecordChange>();
        var histories = results.Where(r => r.History is not null).GroupBy(r => r.DeviceId).ToDictionary(g => g.Key, g => g.First().History!.Id);
        foreach (var finished in claimed.GroupBy(c => histories.TryGetValue(c.Device, out var id) ? id : (Guid?)null))
        {
            var ids = finished.Select(c => c.Alert).ToList();
            var done = await FinishAsync(db, ids, claim, finished.Key, cancellationToken);
            if (done > 0 && finished.Key is not null)
            {
                // All of the group, should another process have finished one meanwhile: an announcement only reloads a page.
                linked.AddRange(finished.Select(c => new RecordChange(RecordKind.Alert, c.Alert, c.Device)));
            }
        }

        await db.ChangedAsync(linked, cancellationToken);

        return pending.Count;
    }

    /// <summary>
    /// Keeps the claim's leases from running out while the pull is under way (a slow vendor may take up to the action
    /// timeout per device), so no other process takes and makes a pull this one is still making: renewed a third of a
    /// lease before it would end, only while still this claim's. A renewal that fails is tried again at the next; runs
    /// until <paramref name="pulling"/> is canceled.
    /// </summary>
    private async Task RenewAsync(List<Guid> alertIds, string claim, CancellationToken pulling)
    {
        var every = options.Value.AutoPullLeaseDuration / 3;
        while (!pulling.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, pulling);
                await using var scope = scopes.CreateAsyncScope();
                var until = time.GetUtcNow() + options.Value.AutoPullLeaseDuration;
                await scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>().Alerts
                    .Where(a => alertIds.Contains(a.Id) && a.AutoPullPending && a.AutoPullLeaseOwner == claim)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.AutoPullLeaseUntil, until), pulling);
            }
            catch (OperationCanceledException) when (pulling.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                AlertLog.AutoPullLeaseRenewalFailed(log, alertIds.Count, ex);
            }
        }
    }

    /// <summary>
    /// The pull is made (or failed, which is not tried again): the flag and the lease are cleared, and the record
    /// linked. Only while the claim is still this process's, or was released with nobody having claimed it since (a
    /// survivor took this process for dead): an alert another process claimed meanwhile is its to finish.
    /// </summary>
    private static Task<int> FinishAsync(FieldlinkDbContext db, List<Guid> alertIds, string claim, Guid? historyId, CancellationToken cancellationToken) =>
        db.Alerts
            .Where(a => alertIds.Contains(a.Id) && a.AutoPullPending && (a.AutoPullLeaseOwner == claim || a.AutoPullLeaseOwner == null))
            .ExecuteUpdateAsync(
                s => s.SetProperty(a => a.AutoPullPending, false)
                    .SetProperty(a => a.AutoPullLeaseOwner, (string?)null)
                    .SetProperty(a => a.AutoPullLeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(a => a.DataHistoryId, a => historyId ?? a.DataHistoryId),
                cancellationToken);

    /// <summary>
    /// The process stops during a pull (a clean stop, a rolling restart): its leases go, so the next process to look
    /// pulls them, as a stopping dispatcher hands back its commands. A process that dies cannot hand anything back;
    /// a survivor releases its leases when it finds it dead (docs/scale-out.md).
    /// A pull the store had already saved when the stop came is made again: two records, the second linked.
    /// </summary>
    private static async Task HandBackAsync(FieldlinkDbContext db, string claim, List<(Guid Alert, Guid Device)> claimed)
    {
        // The process's token is cancelled by now; a store that does not answer must not hold the stop.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var ids = claimed.Select(c => c.Alert).ToList();
        await db.Alerts.Where(a => ids.Contains(a.Id) && a.AutoPullLeaseOwner == claim)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.AutoPullLeaseOwner, (string?)null).SetProperty(a => a.AutoPullLeaseUntil, (DateTimeOffset?)null), timeout.Token);
    }
}
