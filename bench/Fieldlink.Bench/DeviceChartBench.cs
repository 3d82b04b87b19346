using Fieldlink.Core;
using Fieldlink.Core.Data;
using Fieldlink.Server.Model;
using HdrHistogram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;

namespace Fieldlink.Bench;

/// <summary>
/// The device page's chart: 30 days of minute readings per measure (43,200 each) for every device of a data set filled
/// once with COPY (or plain inserts on SQLite), then the web app's own chart load timed for one device and its
/// measures: <see cref="ReadingsChart"/> (device routing, the buckets folded in the database, the device's events)
/// and the shaping into Plotly traces, as the page asks for "Last 30 days".
/// </summary>
public static class DeviceChartBench
{
    public static async Task RunAsync(TextWriter output, string database, int devices, int measures, int runs, CancellationToken cancellationToken)
    {
        await using var store = await BenchStore.OpenAsync(database, cancellationToken, services =>
        {
            services.AddFieldlinkCore();
            // No connector plugins: the bench devices' provider has no connector, so readings come from the store.
            services.AddSingleton(Fieldlink.Core.Connectors.Plugins.PluginLoadResult.Empty);
            services.AddSingleton<ReadingsChart>();
        });
        var name = $"bench-chart-{devices}x{measures}";
        var (_, registered, created) = await store.DevicesAsync(name, devices, null, cancellationToken);
        const long perSeries = 30 * 24 * 60;
        var end = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (created)
        {
            var fill = Stopwatch.StartNew();
            await ReadingsQueryBench.FillAsync(store, [.. registered.Select(d => d.Id)], measures, perSeries, end, TimeSpan.FromMinutes(1), cancellationToken);
            output.WriteLine($"filled {perSeries * devices * measures:N0} readings in {fill.Elapsed.TotalSeconds:F0} s");
        }
        else
        {
            output.WriteLine($"reusing the data set '{name}'");
        }

        await using (var scope = store.Scope())
        {
            var total = await scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>().Readings.LongCountAsync(cancellationToken);
            output.WriteLine($"device-chart on {(store.IsPostgres ? "PostgreSQL" : "SQLite")}: {total:N0} readings in the table; this data set: {devices:N0} devices x {measures} measures, {perSeries:N0} minute readings per measure");
        }

        await using var services = store.Scope();
        var chart = services.ServiceProvider.GetRequiredService<ReadingsChart>();
        var device = registered[devices / 2];
        var chartMeasures = Enumerable.Range(0, measures).Select(m => new ChartMeasure($"measure{m}", null)).ToList();
        var span = ChartSpan.Last(ChartRange.Last30Days, end);
        var histogram = new LongHistogram(TimeSpan.FromMinutes(1).Ticks, 3);
        ChartData? data = null;
        for (var i = 0; i < runs + 10; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var load = await chart.LoadAsync(device.Id, span, chartMeasures, TimeZoneInfo.Utc, cancellationToken);
            data = load.Data ?? throw new InvalidOperationException(load.Error);

            // The first runs warm the caches and the JIT; they are not counted.
            if (i >= 10)
            {
                histogram.RecordValue(Stopwatch.GetElapsedTime(started).Ticks);
            }
        }

        var points = data!.Traces.Take(measures * 3).OfType<Plotly.Blazor.Traces.Scatter>().Sum(t => t.Y.Count);
        output.WriteLine($"  the chart of the last 30 days ({span.BucketCount} buckets of {span.IntervalWords.Replace("-", " ", StringComparison.Ordinal)}, {measures} measures, {points} points drawn), {runs} runs");
        output.WriteLine($"  p50 {TelemetryBench.Ms(histogram, 50)} ms, p99 {TelemetryBench.Ms(histogram, 99)} ms, max {TelemetryBench.Ms(histogram, 100)} ms");
    }
}
