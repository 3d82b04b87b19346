namespace Fieldlink.Server.Model;

/// <summary>A measure the chart can draw, with its unit when the device's category names one.</summary>
public sealed record ChartMeasure(string Name, string? Unit)
{
    /// <summary>"temperature (°C)", or the name alone.</summary>
    public string Label => string.IsNullOrWhiteSpace(Unit) ? Name : $"{Name} ({Unit})";
}
