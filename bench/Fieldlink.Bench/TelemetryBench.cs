using System.Diagnostics;
using System.Globalization;
using Fieldlink.Bench.Suite;
using Fieldlink.Core.Readings;
using Fieldlink.Sdk;
using HdrHistogram;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Bench;

/// <summary>
/// Telemetry throughput: <c>points</c> readings through <see cref="TelemetryIngestion"/> (device resolution, the
/// batched writer, last-activity updates, threshold rules: everything the HTTP endpoint and connector sinks run, less
/// HTTP), in batches of <c>batch</c> reports of <c>measures</c> values, from <c>writers</c> concurrent writers. Its raw
/// baseline, <see cref="TelemetryCopyBaseline"/>, writes the same rows by binary COPY into a bare table with the same key.
/// </summary>
public static class TelemetryBench
{
    /// <summary>Thresholds of the benchmark's category: values are 20 to 29.99, a crossing is 35.</summary>
    private const double Low = 0;
    private const double High = 30;
    private const double Crossing = 35;

    /// <summary>What to run; see the options in Program.cs.</summary>
    public sealed record Parameters(long Points, int Devices, int Measures, int Batch, int Writers, bool Thresholds, int CrossingEvery);

    /// <summary>What one run measured.</summary>
    /// <remarks><c>Cpu</c> is this process's CPU time over the timed part: Fieldlink's, and making the reports' dictionaries.</remarks>
    public sealed record Run(long Points, int Batches, TimeSpan Elapsed, LongHistogram BatchLatency, int? AlertsRaised, TimeSpan Cpu)
    {
        public double PointsPerSecond => Points / Elapsed.TotalSeconds;

        /// <summary>This process's CPU microseconds per point, which a loaded machine changes far less than the rate.</summary>
        public double CpuMicrosecondsPerPoint => Cpu.TotalMicroseconds / Points;
    }

    public static async Task RunAsync(TextWriter output, string database, Parameters parameters, bool baseline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(parameters);
        await using var store = await BenchStore.OpenAsync(database, cancellationToken);
        var run = await RunOnceAsync(store, parameters, cancellationToken);
        output.WriteLine($"telemetry on {(store.IsPostgres ? "PostgreSQL" : "SQLite")}: {run.Points:N0} points in {run.Batches:N0} batches of {parameters.Batch} reports x {parameters.Measures} measures, {parameters.Devices:N0} devices, {parameters.Writers} writer(s); load average {LoadAverage.OneMinute():F1}");
        output.WriteLine($"  {run.Elapsed.TotalSeconds:F1} s, {run.PointsPerSecond:N0} points/s, {run.CpuMicrosecondsPerPoint:F2} µs of this process's CPU a point");
        output.WriteLine($"  batch latency: p50 {Ms(run.BatchLatency, 50)} ms, p99 {Ms(run.BatchLatency, 99)} ms, max {Ms(run.BatchLatency, 100)} ms");
        if (run.AlertsRaised is { } raised)
        {
            output.WriteLine($"  threshold rules on (low {Low}, high {High} on every measure; measure0 crosses once in {parameters.CrossingEvery} rounds per device): {raised:N0} alerts raised");
        }

        if (baseline)
        {
            if (!store.IsPostgres)
            {
                output.WriteLine("  --baseline: the COPY baseline needs PostgreSQL; none run on SQLite.");
                return;
            }

            var copy = await TelemetryCopyBaseline.RunAsync(database, parameters, Value, cancellationToken);
            output.WriteLine($"  baseline, binary COPY of the same rows into a bare table with the same key, {parameters.Batch * parameters.Measures:N0}-row commits, {parameters.Writers} session(s): {copy.RowsPerSecond:N0} rows/s; ratio {run.PointsPerSecond / copy.RowsPerSecond:F2}; load average {LoadAverage.OneMinute():F1}");
        }
    }

    /// <summary>
    /// The suite's <c>telemetry</c> figure: 2 writers, thresholds on, against binary COPY of the same rows (5,000-row
    /// commits, 2 sessions) into a bare table with the readings' key, on a new database of the suite's PostgreSQL; after
    /// one untimed run of each.
    /// </summary>
    public static async Task<IReadOnlyList<SuiteFigure>> MeasureAsync(SuiteContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = new Parameters(context.Quick ? 400_000 : 3_000_000, 1000, 5, 1000, 2, Thresholds: true, CrossingEvery: 1000);
        await using var scratch = await ScratchDatabase.CreateAsync(context.Database, "telemetry", cancellationToken);
        await using var store = await BenchStore.OpenAsync(scratch.ConnectionString, cancellationToken);
        var output = context.Output;
        output.WriteLine($"  {parameters.Points:N0} points a run: batches of {parameters.Batch} reports x {parameters.Measures} measures, {parameters.Devices} devices, {parameters.Writers} writers, thresholds on");

        // One run of each side first, not counted: the figure is a running server's rate, and a process's first run of
        // this path spends much of its CPU compiling it (perf put the JIT at 40% of a first run's CPU, its tiers
        // still promoting methods when the run ended). COPY gets its warm-up too, so both sides start alike.
        var warmUp = await RunOnceAsync(store, parameters, cancellationToken);
        var warmCopy = await TelemetryCopyBaseline.RunAsync(scratch.ConnectionString, parameters, Value, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  warm-up, not counted: Fieldlink {warmUp.PointsPerSecond:N0} points/s ({warmUp.CpuMicrosecondsPerPoint:F2} µs of CPU a point), COPY {warmCopy.RowsPerSecond:N0} rows/s; load average {LoadAverage.OneMinute():F1}"));
        var (ours, raw) = await Interleaved.MediansAsync(
            context.Rounds,
            async ct =>
            {
                var run = await RunOnceAsync(store, parameters, ct);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Fieldlink: {run.PointsPerSecond:N0} points/s; batch p50 {Ms(run.BatchLatency, 50)} ms, p99 {Ms(run.BatchLatency, 99)} ms; {run.AlertsRaised} alerts raised; {run.CpuMicrosecondsPerPoint:F2} µs of CPU a point; load average {LoadAverage.OneMinute():F1}"));
                return run.PointsPerSecond;
            },
            async ct =>
            {
                var copy = await TelemetryCopyBaseline.RunAsync(scratch.ConnectionString, parameters, Value, ct);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  COPY:      {copy.RowsPerSecond:N0} rows/s; commit p50 {Ms(copy.CommitLatency, 50)} ms, p99 {Ms(copy.CommitLatency, 99)} ms; load average {LoadAverage.OneMinute():F1}"));
                return copy.RowsPerSecond;
            },
            cancellationToken);
        return [new SuiteFigure("telemetry", ours, raw, "rows/s")];
    }

    /// <summary>One run on a new instance and devices (created untimed, with one untimed report per device first).</summary>
    public static async Task<Run> RunOnceAsync(BenchStore store, Parameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(parameters);
        var (points, devices, measures, batch, writers, thresholds, crossingEvery) = parameters;
        if (thresholds && crossingEvery < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), crossingEvery, "--crossing-every must be at least 1.");
        }

        var run = $"bench-telemetry-{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        Guid? categoryId = thresholds ? await store.ThresholdCategoryAsync(run, measures, Low, High, cancellationToken) : null;
        var (instanceId, registered, _) = await store.DevicesAsync(run, devices, categoryId, cancellationToken);
        var deviceIds = registered.Select(d => d.DeviceId).ToArray();
        var names = Enumerable.Range(0, measures).Select(m => $"measure{m}").ToArray();
        var start = DateTimeOffset.UtcNow.AddDays(-20);
        var pointsPerBatch = (long)batch * measures;
        var batches = (int)Math.Max(1, points / pointsPerBatch);
        long nextReport = 0;

        TelemetryReport[] NextBatch()
        {
            var first = Interlocked.Add(ref nextReport, batch) - batch;
            var reports = new TelemetryReport[batch];
            for (var i = 0; i < batch; i++)
            {
                var n = first + i;
                var (round, device) = Math.DivRem(n, devices);
                var values = new Dictionary<string, double>(measures);
                for (var m = 0; m < measures; m++)
                {
                    values[names[m]] = Value(parameters, n, m);
                }

                // Device after device, one second apart per round, as a fleet reporting steadily would.
                reports[i] = new TelemetryReport(deviceIds[device], start.AddSeconds(round), values);
            }

            return reports;
        }

        // Warm-up, not timed: one report per device creates the series (and reads the thresholds), as the first
        // minutes of a real fleet would.
        for (var i = 0; i < devices; i += batch)
        {
            await IngestAsync(store, instanceId, NextBatch(), cancellationToken);
        }

        var alertsBefore = await store.AlertCountAsync(instanceId, cancellationToken);
        var histogram = new LongHistogram(TimeSpan.FromMinutes(1).Ticks, 3);
        var remaining = batches;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
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
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        int? raised = thresholds ? await store.AlertCountAsync(instanceId, cancellationToken) - alertsBefore : null;
        return new Run((long)batches * pointsPerBatch, batches, clock.Elapsed, histogram, raised, cpu);
    }

    /// <summary>
    /// Measure <paramref name="measure"/>'s value in report <paramref name="n"/>: inside the band (20 to 29.99) but
    /// for one round in <c>CrossingEvery</c> per device, staggered over the devices, where measure0 reads 35, so
    /// crossings (and returns the round after) come steadily rather than all at once.
    /// </summary>
    public static double Value(Parameters parameters, long n, int measure)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var (round, device) = Math.DivRem(n, parameters.Devices);
        return parameters.Thresholds && measure == 0 && (round + device) % parameters.CrossingEvery == 0
            ? Crossing
            : 20 + ((n * 7919) % 1000 / 100.0);
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
        TimeSpan.FromTicks(histogram.GetValueAtPercentile(percentile)).TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);
}
