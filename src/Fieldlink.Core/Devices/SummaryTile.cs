namespace Fieldlink.Core.Devices;

/// <summary>
/// One summary tile of a device (or of its category): a measure aggregated, or a kind of event counted, over the last
/// <see cref="TimeRange"/> hours or days. A device or category has at most <see cref="MaxPerDevice"/>.
/// </summary>
public sealed class SummaryTile
{
    /// <summary>The most tiles a device or category has, as in the reference.</summary>
    public const int MaxPerDevice = 6;

    /// <summary>The longest time range, in hours or days, as in the reference.</summary>
    public const int MaxTimeRange = 90;

    public TileSource Source { get; set; } = TileSource.Measure;

    /// <summary>The measure's name, for a <see cref="TileSource.Measure"/> tile; null for an event tile.</summary>
    public string? Measure { get; set; }

    /// <summary>How the window is folded; always <see cref="TileAggregation.Count"/> for an event tile.</summary>
    public TileAggregation Aggregation { get; set; } = TileAggregation.Average;

    /// <summary>How many hours or days the window reaches back: 1 to <see cref="MaxTimeRange"/>.</summary>
    public int TimeRange { get; set; } = 1;

    public TileTimeUnit TimeUnit { get; set; } = TileTimeUnit.Days;

    /// <summary>Where the tile is shown: tiles are ordered by position, then as listed.</summary>
    public int Position { get; set; }
}
