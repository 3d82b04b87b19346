using System.Globalization;
using HdrHistogram;

namespace Fieldlink.Bench.Suite;

/// <summary>
/// What one run of <see cref="OpenLoopLoad"/> or <see cref="ClosedLoopLoad"/> measured: requests sent and failed, the
/// time they took, and their latencies in microseconds.
/// </summary>
/// <param name="AskedRate">The rate the schedule asked, per second (open loop); NaN for a closed loop, which asks none.</param>
/// <param name="Completed">Requests answered with a success status.</param>
/// <param name="Failed">Requests that failed or were answered with an error status: a figure with failures is not comparable.</param>
/// <param name="Elapsed">From the first request's start to the last one's answer.</param>
/// <param name="Latency">Each request's latency in microseconds, open loop from its intended start.</param>
/// <param name="FirstFailure">The first failure's status or message, to say what went wrong.</param>
public sealed record HttpLoadResult(double AskedRate, long Completed, long Failed, TimeSpan Elapsed, LongHistogram Latency, string? FirstFailure)
{
    /// <summary>Requests answered per second over the run: below <see cref="AskedRate"/> when the server fell behind.</summary>
    public double ReachedRate => Elapsed > TimeSpan.Zero ? Completed / Elapsed.TotalSeconds : 0;

    /// <summary>The latency at <paramref name="percentile"/>, in milliseconds.</summary>
    public double Ms(double percentile) => Latency.TotalCount == 0 ? double.NaN : Latency.GetValueAtPercentile(percentile) / 1000.0;

    /// <summary>One detail line: the rates asked and reached, the percentiles, the failures.</summary>
    public string Describe()
    {
        var asked = double.IsNaN(AskedRate) ? "closed loop" : string.Create(CultureInfo.InvariantCulture, $"asked {AskedRate:F1}/s");
        var failed = Failed == 0 ? string.Empty : $", {Failed} FAILED (first: {FirstFailure})";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Completed} requests in {Elapsed.TotalSeconds:F1} s, {asked}, reached {ReachedRate:F1}/s; p50 {Ms(50):F1} ms, p90 {Ms(90):F1} ms, p99 {Ms(99):F1} ms, max {Ms(100):F1} ms{failed}");
    }
}
