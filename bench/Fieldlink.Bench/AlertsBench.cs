using System.Diagnostics;
using System.Globalization;
using Fieldlink.Bench.Suite;
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
/// exactly one parent. Its raw baseline, <see cref="AlertsCopyBaseline"/>, writes the same alert rows by binary
/// COPY into a bare table. With <c>webhook</c> a subscription wants every alert event, so each batch also writes its
/// outbox rows (nothing delivers them: the benchmark runs no dispatcher).
/// </summary>
public static class AlertsBench
{
    /// <summary>What to run; see the options in Program.cs.</summary>
    public sealed record Parameters(long Alerts, int Devices, int Assets, int Batch, int Writers, bool Webhook);

    /// <summary>What one run measured, and what the store held afterwards.</summary>
    public sealed record Run(long Alerts, int Batches, int AssetCount, TimeSpan Elapsed, LongHistogram BatchLatency, int Stored, int Groups, bool OneParentEach, int RollupsWrong, int EnabledWebhooks, int OutboxRows)
    {
        public double AlertsPerSecond => Alerts / Elapsed.TotalSeconds;
    }

    public static async Task RunAsync(TextWriter output, string database, Parameters parameters, bool baseline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(parameters);
        await using var store = await BenchStore.OpenAsync(database, cancellationToken);
        var run = await RunOnceAsync(store, parameters, cancellationToken);
        output.WriteLine($"alerts on {(store.IsPostgres ? "PostgreSQL" : "SQLite")}: {run.Alerts:N0} alerts in {run.Batches:N0} batches of {parameters.Batch}, {parameters.Devices:N0} devices on {run.AssetCount:N0} customer assets, {parameters.Writers} writer(s), grouping on; load average {LoadAverage.OneMinute():F1}");
        output.WriteLine($"  {run.Elapsed.TotalSeconds:F1} s, {run.AlertsPerSecond:N0} alerts/s");
        output.WriteLine($"  batch latency: p50 {TelemetryBench.Ms(run.BatchLatency, 50)} ms, p99 {TelemetryBench.Ms(run.BatchLatency, 99)} ms, max {TelemetryBench.Ms(run.BatchLatency, 100)} ms");
        output.WriteLine($"  stored {run.Stored:N0}; {run.Groups:N0} groups, {(run.OneParentEach ? "each with exactly one parent" : "SOME WITH SEVERAL PARENTS")}; asset rollups {(run.RollupsWrong == 0 ? "all right" : $"WRONG FOR {run.RollupsWrong}")}");
        output.WriteLine($"  webhook subscriptions enabled: {run.EnabledWebhooks}; outbox rows written for this run's subscription: {run.OutboxRows:N0}");
        if (baseline)
        {
            if (!store.IsPostgres)
            {
                output.WriteLine("  --baseline: the COPY baseline needs PostgreSQL; none run on SQLite.");
                return;
            }

            var copy = await AlertsCopyBaseline.RunAsync(database, parameters, cancellationToken);
            output.WriteLine($"  baseline, binary COPY of the same alert rows into a bare table with the same columns and key, {parameters.Batch}-row commits, {parameters.Writers} session(s): {copy.RowsPerSecond:N0} alerts/s; ratio {run.AlertsPerSecond / copy.RowsPerSecond:F2}; load average {LoadAverage.OneMinute():F1}");
        }
    }

    /// <summary>
    /// The suite's <c>alerts</c> figure: grouping on, 1,000 devices on 100 assets, batches of 1,000, 2 writers, against
    /// binary COPY of the same alert rows (the columns ingestion writes) into a bare table, on a new database. A run
    /// that leaves a group with more than one parent fails the figure.
    /// </summary>
    public static async Task<IReadOnlyList<SuiteFigure>> MeasureAsync(SuiteContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = new Parameters(context.Quick ? 50_000 : 200_000, 1000, 100, 1000, 2, Webhook: false);
        await using var scratch = await ScratchDatabase.CreateAsync(context.Database, "alerts", cancellationToken);
        await using var store = await BenchStore.OpenAsync(scratch.ConnectionString, cancellationToken);
        var output = context.Output;
        output.WriteLine($"  {parameters.Alerts:N0} alerts a run: batches of {parameters.Batch}, {parameters.Devices} devices repeating every 10 s on {parameters.Assets} assets, {parameters.Writers} writers, grouping on");
        var (ours, raw) = await Interleaved.MediansAsync(
            context.Rounds,
            async ct =>
            {
                var run = await RunOnceAsync(store, parameters, ct);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Fieldlink: {run.AlertsPerSecond:N0} alerts/s; batch p50 {TelemetryBench.Ms(run.BatchLatency, 50)} ms, p99 {TelemetryBench.Ms(run.BatchLatency, 99)} ms; {run.Groups:N0} groups, {(run.OneParentEach ? "one parent each" : "SOME WITH SEVERAL PARENTS")}; rollups {(run.RollupsWrong == 0 ? "right" : "WRONG")}; load average {LoadAverage.OneMinute():F1}"));
                if (!run.OneParentEach || run.RollupsWrong > 0)
                {
                    throw new InvalidOperationException("A group has several parents or an asset's rollup is wrong: the alerts figure does not count.");
                }

                return run.AlertsPerSecond;
            },
            async ct =>
            {
                var copy = await AlertsCopyBaseline.RunAsync(scratch.ConnectionString, parameters, ct);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  COPY:      {copy.RowsPerSecond:N0} alerts/s; commit p50 {TelemetryBench.Ms(copy.CommitLatency, 50)} ms, p99 {TelemetryBench.Ms(copy.CommitLatency, 99)} ms; load average {LoadAverage.OneMinute():F1}"));
                return copy.RowsPerSecond;
            },
            cancellationToken);
        return [new SuiteFigure("alerts", ours, raw, "alerts/s")];
    }

    /// <summary>One run on a new instance, devices and assets (made untimed), then the checks of its groups and rollups.</summary>
    public static async Task<Run> RunOnceAsync(BenchStore store, Parameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(parameters);
        var (alerts, devices, assets, batch, writers, webhook) = parameters;
        var subscription = webhook ? await SubscribeAsync(store, cancellationToken) : (Guid?)null;
        var run = $"bench-alerts-{DateTime.UtcNow:yyyyMMddHHmmssfff}";
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

        await using var check = store.Scope();
        var db = check.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
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

        var enabled = await db.WebhookSubscriptions.CountAsync(w => w.Enabled, cancellationToken);
        var outbox = subscription is { } id ? await db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == id, cancellationToken) : 0;
        return new Run((long)batches * batch, batches, assetIds.Count, clock.Elapsed, histogram, stored, parents.Count, parents.All(c => c == 1), rollupsWrong, enabled, outbox);
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
