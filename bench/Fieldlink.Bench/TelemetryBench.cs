using System.Diagnostics;
using Fieldlink.Core.Readings;
using Fieldlink.Sdk;
using HdrHistogram;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Bench;

/// <summary>
/// Telemetry throughput: <c>points</c> readings through <see cref="TelemetryIngestion"/> (device resolution, the
/// batched writer, last-activity updates, threshold rules: everything the HTTP endpoint and connector sinks run, less
/// HTTP), in batches of <c>batch</c> reports of <c>measures</c> values, from <c>writers</c> concurrent writers.
/// </summary>
public static class TelemetryBench
{
    /// <summary>Thresholds of the benchmark's category: values are 20 to 29.99, a crossing is 35.</summary>
    private const double Low = 0;
    private const double High = 30;
    private const double Crossing = 35;

    /// <summary>What to run; see the options in Program.cs.</summary>
    public sealed record Parameters(long Points, int Devices, int Measures, int Batch, int Writers, bool Thresholds, int CrossingEvery);

    public static async Task RunAsync(TextWriter output, string database, Parameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(parameters);
        var (points, devices, measures, batch, writers, thresholds, crossingEvery) = parameters;
        if (thresholds && crossingEvery < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), crossingEvery, "--crossing-every must be at least 1.");
        }

        await using var store = await BenchStore.OpenAsync(database, cancellationToken);
        var run = $"bench-telemetry-{DateTime.UtcNow:yyyyMMddHHmmss}";
        Guid? categoryId = thresholds ? await store.ThresholdCategoryAsync(run, measures, Low, High, cancellationToken) : null;
        var (instanceId, registered, _) = await store.DevicesAsync(run, devices, categoryId, cancellationToken);
        var deviceIds = registered.Select(d => d.DeviceId).ToArray();
        var names = Enumerable.Range(0, measures).Select(m => $"measure{m}").ToArray();
        var start = DateTimeOffset.UtcNow.AddDays(-20);
        var reportsPerBatch = batch;
        var pointsPerBatch = (long)reportsPerBatch * measures;
        var batches = (int)Math.Max(1, points / pointsPerBatch);
        long nextReport = 0;

        TelemetryReport[] NextBatch()
        {
            var first = Interlocked.Add(ref nextReport, reportsPerBatch) - reportsPerBatch;
            var reports = new TelemetryReport[reportsPerBatch];
            for (var i = 0; i < reportsPerBatch; i++)
            {
                var n = first + i;
                var (round, device) = Math.DivRem(n, devices);
                var values = new Dictionary<string, double>(measures);
                foreach (var name in names)
                {
                    values[name] = 20 + ((n * 7919) % 1000 / 100.0);
                }

                // Inside the band but for one round in crossingEvery per device, staggered over the devices, so
                // crossings (and returns the round after) come steadily rather than all at once.
                if (thresholds && (round + device) % crossingEvery == 0)
                {
                    values[names[0]] = Crossing;
                }

                // Device after device, one second apart per round, as a fleet reporting steadily would.
                reports[i] = new TelemetryReport(deviceIds[device], start.AddSeconds(round), values);
            }

            return reports;
        }

        // Warm-up, not timed: one report per device creates the series (and reads the thresholds), as the first
        // minutes of a real fleet would.
        for (var i = 0; i < devices; i += reportsPerBatch)
        {
            await IngestAsync(store, instanceId, NextBatch(), cancellationToken);
        }

        var alertsBefore = await store.AlertCountAsync(instanceId, cancellationToken);
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
                    await IngestAsync(store, instanceId, reports, cancellationToken);
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

        var written = (long)batches * pointsPerBatch;
        output.WriteLine($"telemetry on {(store.IsPostgres ? "PostgreSQL" : "SQLite")}: {written:N0} points in {batches:N0} batches of {reportsPerBatch} reports x {measures} measures, {devices:N0} devices, {writers} writer(s)");
        output.WriteLine($"  {clock.Elapsed.TotalSeconds:F1} s, {written / clock.Elapsed.TotalSeconds:N0} points/s");
        output.WriteLine($"  batch latency: p50 {Ms(histogram, 50)} ms, p99 {Ms(histogram, 99)} ms, max {Ms(histogram, 100)} ms");
        if (thresholds)
        {
            var raised = await store.AlertCountAsync(instanceId, cancellationToken) - alertsBefore;
            output.WriteLine($"  threshold rules on (low {Low}, high {High} on every measure; measure0 crosses once in {crossingEvery} rounds per device): {raised:N0} alerts raised");
        }
    }

    private static async Task IngestAsync(BenchStore store, Guid instanceId, TelemetryReport[] reports, CancellationToken cancellationToken)
    {
        await using var scope = store.Scope();
        var outcomes = await scope.ServiceProvider.GetRequiredService<TelemetryIngestion>().IngestAsync(instanceId, reports, cancellationToken);
        if (outcomes.Any(o => o.Status != Core.Ingestion.IngestionStatus.Stored))
        {
            throw new InvalidOperationException("The benchmark's telemetry was not all stored.");
        }
    }

    internal static string Ms(HistogramBase histogram, double percentile) =>
        TimeSpan.FromTicks(histogram.GetValueAtPercentile(percentile)).TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
}
