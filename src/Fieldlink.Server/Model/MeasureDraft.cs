using Fieldlink.Server.Api.Devices;

namespace Fieldlink.Server.Model;

/// <summary>A measure as the category form edits it: name, unit, low and high thresholds, hysteresis (empty: the default).</summary>
public sealed class MeasureDraft
{
    public string? Name { get; set; }

    public string? Unit { get; set; }

    public double? Low { get; set; }

    public double? High { get; set; }

    public double? Hysteresis { get; set; }

    public static MeasureDraft From(MeasureWrite measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return new() { Name = measure.Name, Unit = measure.Unit, Low = measure.Low, High = measure.High, Hysteresis = measure.Hysteresis };
    }

    public MeasureWrite ToWrite() => new(Name, Unit, Low, High, Hysteresis);
}
