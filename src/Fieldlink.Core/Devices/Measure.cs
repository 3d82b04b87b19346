namespace Fieldlink.Core.Devices;

/// <summary>A quantity a device category's devices report, with its unit and optional alert thresholds.</summary>
public sealed class Measure
{
    public required string Name { get; set; }

    public string? Unit { get; set; }

    public double? Low { get; set; }

    public double? High { get; set; }
}
