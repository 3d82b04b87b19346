using Fieldlink.Core.Thresholds;

namespace Fieldlink.Core.Devices;

/// <summary>A quantity a device category's devices report, with its unit and optional alert thresholds.</summary>
public sealed class Measure
{
    public required string Name { get; set; }

    public string? Unit { get; set; }

    public double? Low { get; set; }

    public double? High { get; set; }

    /// <summary>
    /// How far a value must come back inside a threshold it crossed before the measure is normal again (absolute, in
    /// the measure's unit, at least 0), so a value hovering at a threshold raises one alert, not one per reading.
    /// Null for the default, <see cref="ThresholdRule.DefaultHysteresis"/>: 5% of <c>High - Low</c>, or of the one
    /// threshold set.
    /// </summary>
    public double? Hysteresis { get; set; }
}
