namespace Fieldlink.Bench.Suite;

/// <summary>
/// One line of <c>bench suite</c>'s result: Fieldlink's figure beside the raw baseline of the same work, measured in the
/// same run, so the ratio says how far Fieldlink is from what this machine allows whatever else the machine is doing.
/// </summary>
/// <param name="Name">The figure's stable name (<c>telemetry</c>, <c>command-p99-mosquitto</c>, …), as <c>--json</c> writes it.</param>
/// <param name="Fieldlink">Fieldlink's figure: the median of its runs.</param>
/// <param name="Baseline">The raw baseline's figure: the median of its runs, interleaved with Fieldlink's.</param>
/// <param name="Unit">What both figures count (<c>rows/s</c>, <c>ms</c>, <c>MB</c>, …).</param>
public sealed record SuiteFigure(string Name, double Fieldlink, double Baseline, string Unit)
{
    /// <summary>Fieldlink's figure divided by the baseline's: above 1 for a rate means faster, for a latency slower.</summary>
    public double Ratio => Baseline == 0 ? double.NaN : Fieldlink / Baseline;
}
