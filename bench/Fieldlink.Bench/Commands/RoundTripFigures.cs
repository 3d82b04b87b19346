using HdrHistogram;

namespace Fieldlink.Bench.Commands;

/// <summary>
/// One timed run of command round trips: the rate asked, the rate they were taken at (the intake's calls, or the
/// broker's PUBACKs, returned) and completed at (Succeeded stored, or the device's ack received), and the latency
/// percentiles in ms, each from the command's due time.
/// </summary>
public sealed record RoundTripFigures(string Name, int Count, int Rate, double Queued, double Completed, double P50, double P90, double P99, double P999, double Max, string Detail)
{
    /// <summary>A new histogram of microseconds, up to five minutes, three significant digits.</summary>
    public static LongHistogram NewHistogram() => new(TimeSpan.FromMinutes(5).Ticks / 10, 3);

    /// <summary>
    /// The <paramref name="percentile"/> of <paramref name="histogram"/> in ms; NaN when it recorded nothing (a round where
    /// no command completed), which HdrHistogram would answer with an exception instead of a figure to print.
    /// </summary>
    public static double Ms(LongHistogram histogram, double percentile)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return histogram.TotalCount == 0 ? double.NaN : histogram.GetValueAtPercentile(percentile) / 1000.0;
    }

    public static RoundTripFigures From(string name, LongHistogram histogram, int rate, TimeSpan taking, TimeSpan completing, string detail) => new(
        name,
        (int)histogram.TotalCount,
        rate,
        histogram.TotalCount / taking.TotalSeconds,
        histogram.TotalCount / completing.TotalSeconds,
        Ms(histogram, 50),
        Ms(histogram, 90),
        Ms(histogram, 99),
        Ms(histogram, 99.9),
        histogram.TotalCount == 0 ? double.NaN : histogram.GetMaxValue() / 1000.0,
        detail);

    public override string ToString() =>
        $"{Name}: {Count} at {Rate}/s asked, {Queued:F0}/s taken, {Completed:F0}/s completed; p50 {P50:F2} ms, p90 {P90:F2} ms, p99 {P99:F2} ms, p99.9 {P999:F2} ms, max {Max:F2} ms{(Detail.Length > 0 ? "; " + Detail : "")}";
}
