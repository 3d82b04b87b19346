using System.Diagnostics;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Assets;
using Fieldlink.Core.Data;
using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Settings;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using HdrHistogram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Bench;

/// <summary>
/// Alert throughput with grouping on: <c>alerts</c> alerts through <see cref="AlertIngestion"/> (checks, device
/// resolution, token de-duplication, atomic grouping with its locks, rollups: everything the HTTP endpoint and
/// connector sinks run, less HTTP), in batches of <c>batch</c>, from <c>writers</c> concurrent writers. Each device
/// raises a repeat every few seconds, so most alerts join a group; the run checks afterwards that every group has
/// exactly one parent. With <c>webhook</c> a subscription wants every alert event, so each batch also writes its
/// outbox rows (nothing delivers them: the benchmark runs no dispatcher).
/// </summary>
public static class AlertsBench
{
    public static async Task RunAsync(TextWriter output, string database, long alerts, int devices, int assets, int batch, int writers, bool webhook, CancellationToken cancellationToken)
    {
        await using var store = await BenchStore.OpenAsync(database, cancellationToken);
        var subscription = webhook ? await SubscribeAsync(store, cancellationToken) : (Guid?)null;
        var run = $"bench-alerts-{DateTime.UtcNow:yyyyMMddHHmmss}";
        var (instanceId, registered, _) = await store.DevicesAsync(run, devices, null, cancellationToken);
        var deviceIds = registered.Select(d => d.DeviceId).ToArray();
        var assetIds = await AssetsAsync(store, run, registered.Select(d => d.Id).ToList(), assets, cancellationToken);
        await EnsureSettingsAsync(store, cancellationToken);
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var batches = (int)Math.Max(1, alerts / batch);
        long next = 0;

        AlertReport[] NextBatch()
        {
            var first = Interlocked.Add(ref next, batch) - batch;
            var reports = new AlertReport[batch];
            for (var i = 0; i < batch; i++)
            {
                var n = first + i;

                // Device after device, each repeating every 10 s: well inside the 5-minute window, so they group.
                reports[i] = new AlertReport(deviceIds[n % devices], "Compressor overheat", AlertType.Anomaly, start.AddSeconds(10 * (n / devices)), Token: $"{run}-{n}");
            }

            return reports;
        }

        var histogram = new LongHistogram(TimeSpan.FromMinutes(1).Ticks, 3);
        var remaining = batches;
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, writers).Select(_ => Task.Run(
            async () =>
            {
                while (Interlocked.Decrement(ref remaining) >= 0)
                {
                    var reports = NextBatch();
                    var started = Stopwatch.GetTimestamp();
                    await using var scope = store.Scope();
                    var outcomes = await scope.ServiceProvider.GetRequiredService<AlertIngestion>().IngestAsync(instanceId, reports, cancellationToken);
                    if (outcomes.Any(o => o.Status != IngestionStatus.Created))
                    {
                        throw new InvalidOperationException("The benchmark's alerts were not all created.");
                    }

                    var elapsed = Stopwatch.GetElapsedTime(started).Ticks;
                    lock (histogram)
                    {
                        histogram.RecordValue(elapsed);
                    }
                }
            },
            cancellationToken)).ToArray();
        await Task.WhenAll(tasks);
        clock.Stop();

        var written = (long)batches * batch;
        await using (var scope = store.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            var parents = await db.Alerts.Where(a => a.ProviderInstanceId == instanceId && a.ParentAlertId == null)
                .GroupBy(a => a.GroupKey).Select(g => g.Count()).ToListAsync(cancellationToken);
            var stored = await db.Alerts.CountAsync(a => a.ProviderInstanceId == instanceId, cancellationToken);
            var rollupsWrong = 0;
            foreach (var asset in assetIds)
            {
                var open = await db.Alerts.CountAsync(a => a.CustomerAssetId == asset && a.ParentAlertId == null && a.Status != AlertStatus.Closed, cancellationToken);
                var counted = await db.CustomerAssets.Where(a => a.Id == asset).Select(a => a.ActiveAlertCount).SingleAsync(cancellationToken);
                rollupsWrong += open == counted ? 0 : 1;
            }

            output.WriteLine($"alerts on {(store.IsPostgres ? "PostgreSQL" : "SQLite")}: {written:N0} alerts in {batches:N0} batches of {batch}, {devices:N0} devices on {assetIds.Count:N0} customer assets, {writers} writer(s), grouping on");
            output.WriteLine($"  {clock.Elapsed.TotalSeconds:F1} s, {written / clock.Elapsed.TotalSeconds:N0} alerts/s");
            output.WriteLine($"  batch latency: p50 {TelemetryBench.Ms(histogram, 50)} ms, p99 {TelemetryBench.Ms(histogram, 99)} ms, max {TelemetryBench.Ms(histogram, 100)} ms");
            output.WriteLine($"  stored {stored:N0}; {parents.Count:N0} groups, {(parents.All(c => c == 1) ? "each with exactly one parent" : "SOME WITH SEVERAL PARENTS")}; asset rollups {(rollupsWrong == 0 ? "all right" : $"WRONG FOR {rollupsWrong}")}");
            var enabled = await db.WebhookSubscriptions.CountAsync(w => w.Enabled, cancellationToken);
            var outbox = subscription is { } id ? await db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == id, cancellationToken) : 0;
            output.WriteLine($"  webhook subscriptions enabled: {enabled}; outbox rows written for this run's subscription: {outbox:N0}");
        }
    }

    /// <summary>A subscription to every alert event, at an address nothing delivers to in the benchmark.</summary>
    private static async Task<Guid> SubscribeAsync(BenchStore store, CancellationToken cancellationToken)
    {
        await using var scope = store.Scope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var subscription = new WebhookSubscription
        {
            Url = "https://hooks.example.com/fieldlink",
            EventTypes = $"{WebhookEventTypes.AlertCreated} {WebhookEventTypes.AlertGrouped}",
            Secret = StandardWebhookSignature.NewSecret(),
            Description = "alerts benchmark",
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return subscription.Id;
    }

    /// <summary>Puts the devices on <paramref name="count"/> customer assets, round robin, as a fleet's devices are: alerts then move the assets' rollups.</summary>
    private static async Task<List<Guid>> AssetsAsync(BenchStore store, string run, List<Guid> devices, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return [];
        }

        await using var scope = store.Scope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var assets = Enumerable.Range(0, count).Select(i => new CustomerAsset { Id = Guid.CreateVersion7(), Name = $"{run}-asset-{i:D5}" }).ToList();
        db.CustomerAssets.AddRange(assets);
        await db.SaveChangesAsync(cancellationToken);
        for (var i = 0; i < count; i++)
        {
            var mine = devices.Where((_, n) => n % count == i).ToList();
            var asset = assets[i].Id;
            await db.Devices.Where(d => mine.Contains(d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.CustomerAssetId, asset), cancellationToken);
        }

        return [.. assets.Select(a => a.Id)];
    }

    private static async Task EnsureSettingsAsync(BenchStore store, CancellationToken cancellationToken)
    {
        await using var scope = store.Scope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        if (!await db.Settings.AnyAsync(cancellationToken))
        {
            db.Settings.Add(new IoTSettings { Id = IoTSettings.SingletonId, AutoPullOnAlert = false });
        }
        else
        {
            await db.Settings.ExecuteUpdateAsync(s => s.SetProperty(x => x.AlertGroupingEnabled, true).SetProperty(x => x.AutoPullOnAlert, false), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
