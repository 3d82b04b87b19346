namespace Fieldlink.Core.Devices;

/// <summary>A summary tile's current value.</summary>
/// <param name="Tile">Its definition.</param>
/// <param name="Label">What it shows, in words: "Average temperature, last 7 days".</param>
/// <param name="Value">The aggregate or count; null when the window holds no reading of the measure.</param>
/// <param name="Unit">The measure's unit from the device's category; null for counts of events and measures without one.</param>
/// <param name="From">The window's start.</param>
/// <param name="To">The window's end (now; readings stamped a little ahead of the server's clock are included).</param>
public sealed record TileValue(SummaryTile Tile, string Label, double? Value, string? Unit, DateTimeOffset From, DateTimeOffset To);
