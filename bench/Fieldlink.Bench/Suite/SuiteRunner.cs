using System.Diagnostics;
using System.Globalization;

namespace Fieldlink.Bench.Suite;

/// <summary>
/// <c>bench suite</c>: every figure of issue 15, each Fieldlink's measurement interleaved with its raw baseline, then
/// one line per figure and, with <c>--json</c>, the same as a file. A figure that fails is reported and the others still
/// run; the exit code is then 1.
/// </summary>
public static class SuiteRunner
{
    /// <summary>What measures which figures, in the order they run.</summary>
    private static readonly (string Figures, Func<SuiteContext, CancellationToken, Task<IReadOnlyList<SuiteFigure>>> Measure)[] Sources =
    [
        ("telemetry", TelemetryBench.MeasureAsync),
        ("alerts", AlertsBench.MeasureAsync),
        ("telemetry-mqtt", TelemetryMqttBench.MeasureAsync),
        ("http-ingest-p99", HttpIngestBench.MeasureAsync),
        ("small-alert-requests", SmallAlertRequestsBench.MeasureAsync),
        ("command-p99-mosquitto command-p99-embedded", MqttCommandsBench.MeasureAsync),
        ("restart cold-start-demo idle-memory", StartupBench.MeasureAsync),
    ];

    /// <summary>Runs the figure sources in order; with <paramref name="only"/>, just those that measure one of the names given.</summary>
    public static async Task<int> RunAsync(SuiteContext context, string? jsonPath, IReadOnlyCollection<string> only, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(only);
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        var figures = new List<SuiteFigure>();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench suite{(context.Quick ? " --quick" : string.Empty)}: {context.Rounds} rounds each (Fieldlink, baseline, Fieldlink, ...), medians; load average {LoadAverage.OneMinute():F1}, {Environment.ProcessorCount} cores"));
        foreach (var (names, measure) in Sources.Where(s => only.Count == 0 || s.Figures.Split(' ').Intersect(only).Any()))
        {
            var started = clock.Elapsed;
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== {names} (load average {LoadAverage.OneMinute():F1})"));
            try
            {
                var measured = await measure(context, cancellationToken);
                figures.AddRange(measured);
                foreach (var figure in measured)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  => {figure.Name}: Fieldlink {figure.Fieldlink:N1}, baseline {figure.Baseline:N1} {figure.Unit}, ratio {figure.Ratio:F3}"));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add(names);
                output.WriteLine($"  FAILED: {ex.GetType().Name}: {ex.Message}");
                Console.Error.WriteLine(ex);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ({(clock.Elapsed - started).TotalSeconds:F0} s; load average {LoadAverage.OneMinute():F1})"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# {figures.Count} figures in {clock.Elapsed.TotalMinutes:F1} min, load average at the end {LoadAverage.OneMinute():F1}; name fieldlink baseline ratio unit"));
        SuiteReport.WriteLines(output, figures);
        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, SuiteReport.Json(figures), cancellationToken);
        }

        if (failures.Count > 0)
        {
            output.WriteLine($"# FAILED: {string.Join(", ", failures)}");
            return 1;
        }

        return 0;
    }
}
