using Fieldlink.Core.Data;
using Fieldlink.Core.Live;
using Fieldlink.Core.Devices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Alerts;

/// <summary>
/// Pulls the device's data for each new parent alert, when IoT settings say so, as the reference does, and links the
/// data history record to the alert. After the alert is stored, so ingestion never waits on a vendor's system. Each
/// alert is claimed by one conditional update, so with several processes a pull is made once; a process that stops
/// during a pull hands its claims back.
/// </summary>
public sealed class AlertAutoPull(IServiceScopeFactory scopes, AlertSignal signal, IOptions<AlertOptions> options, ILogger<AlertAutoPull> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        signal.RunRoundsAsync(RunOnceAsync, options.Value.AutoPullBatchSize, options.Value.AutoPullPollInterval, ex => AlertLog.AutoPullFailed(log, ex), stoppingToken);

    /// <summary>One round: claim pending alerts, pull their devices in one batch, link the records. Returns how many it took.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var pending = await db.Alerts.AsNoTracking().Where(a => a.AutoPullPending).OrderBy(a => a.CreatedAt)
            .Select(a => new { a.Id, a.DeviceRecordId }).Take(options.Value.AutoPullBatchSize).ToListAsync(cancellationToken);
        var claimed = new List<(Guid Alert, Guid Device)>();
        foreach (var alert in pending.Where(a => a.DeviceRecordId is not null))
        {
            if (await db.Alerts.Where(a => a.Id == alert.Id && a.AutoPullPending).ExecuteUpdateAsync(s => s.SetProperty(a => a.AutoPullPending, false), cancellationToken) == 1)
            {
                claimed.Add((alert.Id, alert.DeviceRecordId!.Value));
            }
        }

        if (claimed.Count == 0)
        {
            return pending.Count;
        }

        IReadOnlyList<DeviceActionResult<DeviceDataHistory>> results;
        try
        {
            results = await scope.ServiceProvider.GetRequiredService<DevicePuller>().PullAsync([.. claimed.Select(c => c.Device).Distinct()], cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await HandBackAsync(db, claimed);
            throw;
        }

        var linked = new List<RecordChange>();
        foreach (var (alert, device) in claimed)
        {
            if (results.FirstOrDefault(r => r.DeviceId == device)?.History is { } history)
            {
                await db.Alerts.Where(a => a.Id == alert).ExecuteUpdateAsync(s => s.SetProperty(a => a.DataHistoryId, history.Id), cancellationToken);
                linked.Add(new RecordChange(RecordKind.Alert, alert, device));
            }
        }

        await db.ChangedAsync(linked, cancellationToken);

        return pending.Count;
    }

    /// <summary>
    /// The process stops during a pull (a clean stop, a rolling restart): the claims go back, so the next process to
    /// look pulls them, as a stopping dispatcher hands back its commands. Cleared flags are not owned by anyone, so a
    /// claim is only lost to a process that dies mid-pull, which cannot hand anything back (docs/scale-out.md).
    /// A pull the store had already saved when the stop came is made again: two records, the second linked.
    /// </summary>
    private static async Task HandBackAsync(FieldlinkDbContext db, List<(Guid Alert, Guid Device)> claimed)
    {
        // The process's token is cancelled by now; a store that does not answer must not hold the stop.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var ids = claimed.Select(c => c.Alert).ToList();
        await db.Alerts.Where(a => ids.Contains(a.Id) && a.DataHistoryId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.AutoPullPending, true), timeout.Token);
    }
}
