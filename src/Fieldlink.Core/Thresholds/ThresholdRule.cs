using System.Globalization;
using Fieldlink.Core.Devices;

namespace Fieldlink.Core.Thresholds;

/// <summary>
/// The thresholds of one measure of a device category, with the hysteresis in effect, and the step from one reading
/// to the next state. Immutable, so a snapshot of them is shared by every batch of a process.
/// </summary>
/// <param name="Measure">The measure's name, as telemetry names it.</param>
/// <param name="Unit">The measure's unit, for the alert's description; null when it has none.</param>
/// <param name="Low">The low threshold, or null.</param>
/// <param name="High">The high threshold, or null.</param>
/// <param name="Hysteresis">The hysteresis in effect: the category's, or <see cref="DefaultHysteresis"/>.</param>
public sealed record ThresholdRule(string Measure, string? Unit, double? Low, double? High, double Hysteresis)
{
    /// <summary>
    /// The default hysteresis is 5% of the band (or of the one threshold), computed as a twentieth: 28 / 20 is the
    /// 1.4 a user would write, while 28 * 0.05 is 1.4000000000000001, which would move the edge a user tests against.
    /// </summary>
    private const double DefaultDivisor = 20;

    /// <summary>
    /// The default hysteresis of a lone threshold of 0, of which 5% is nothing: 5% of one unit. A measure whose
    /// scale makes that too much or too little sets its own.
    /// </summary>
    public const double ZeroThresholdHysteresis = 0.05;

    /// <summary>The rule of <paramref name="measure"/>, or null when it has neither threshold.</summary>
    public static ThresholdRule? For(Measure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        if (measure.Low is null && measure.High is null)
        {
            return null;
        }

        return new ThresholdRule(measure.Name, measure.Unit, measure.Low, measure.High, measure.Hysteresis ?? DefaultHysteresis(measure.Low, measure.High));
    }

    /// <summary>
    /// The hysteresis of a measure that sets none: 5% of <c>High - Low</c> when both are set, else 5% of the one
    /// threshold's magnitude, and <see cref="ZeroThresholdHysteresis"/> for a lone threshold of 0.
    /// </summary>
    public static double DefaultHysteresis(double? low, double? high)
    {
        if (low is { } l && high is { } h && h > l)
        {
            return (h - l) / DefaultDivisor;
        }

        var scale = Math.Max(Math.Abs(low ?? 0), Math.Abs(high ?? 0));
        return scale > 0 ? scale / DefaultDivisor : ZeroThresholdHysteresis;
    }

    /// <summary>
    /// The state after a reading of <paramref name="value"/> in <paramref name="current"/>: beyond a threshold is
    /// beyond it, whatever came before; back inside, a measure leaves AboveHigh only at <c>High - Hysteresis</c> or
    /// below (BelowLow only at <c>Low + Hysteresis</c> or above), so a value hovering at the threshold stays put.
    /// </summary>
    public ThresholdState Next(ThresholdState current, double value)
    {
        if (High is { } high && value > high)
        {
            return ThresholdState.AboveHigh;
        }

        if (Low is { } low && value < low)
        {
            return ThresholdState.BelowLow;
        }

        if (current == ThresholdState.AboveHigh && High is { } h && value > h - Hysteresis)
        {
            return ThresholdState.AboveHigh;
        }

        if (current == ThresholdState.BelowLow && Low is { } l && value < l + Hysteresis)
        {
            return ThresholdState.BelowLow;
        }

        return ThresholdState.Normal;
    }

    /// <summary>The threshold a measure crossed to enter <paramref name="state"/> (BelowLow or AboveHigh).</summary>
    public double ThresholdOf(ThresholdState state) => state switch
    {
        ThresholdState.AboveHigh => High ?? throw new InvalidOperationException($"The measure '{Measure}' has no high threshold."),
        ThresholdState.BelowLow => Low ?? throw new InvalidOperationException($"The measure '{Measure}' has no low threshold."),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Normal crosses no threshold."),
    };

    /// <summary>What a dispatcher reads, e.g. "temperature 31.2 °C is above the high threshold 30 °C".</summary>
    public string Describe(ThresholdState entered, double value)
    {
        var direction = entered == ThresholdState.AboveHigh ? "above the high" : "below the low";
        return $"{Measure} {WithUnit(value)} is {direction} threshold {WithUnit(ThresholdOf(entered))}";
    }

    private string WithUnit(double value)
    {
        // Shortest round-trip form, invariant: 31.2 reads as 31.2 whatever the server's culture.
        var number = value.ToString(CultureInfo.InvariantCulture);
        return Unit is null ? number : $"{number} {Unit}";
    }
}
