namespace Fieldlink.Bench.Suite;

/// <summary>
/// Runs Fieldlink's measurement and its raw baseline in turn (A B A B …), so a machine that gets busier or quieter during
/// the run moves both alike, and returns the median of each.
/// </summary>
public static class Interleaved
{
    public static async Task<(double Fieldlink, double Baseline)> MediansAsync(
        int rounds,
        Func<CancellationToken, Task<double>> fieldlink,
        Func<CancellationToken, Task<double>> baseline,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var ours = new List<double>(rounds);
        var raw = new List<double>(rounds);
        for (var round = 0; round < rounds; round++)
        {
            ours.Add(await fieldlink(cancellationToken));
            raw.Add(await baseline(cancellationToken));
        }

        return (Median(ours), Median(raw));
    }

    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
