using Fieldlink.Core.Devices;
using Fieldlink.Server.Api.Devices;

namespace Fieldlink.Server.Model;

/// <summary>
/// A summary tile as the category form edits it: a measure aggregated, or a kind of event counted, over a time range.
/// Its position is its place in the form, so the device page shows the tiles in the order the form lists them.
/// </summary>
public sealed class TileDraft
{
    public TileSource Source { get; set; } = TileSource.Measure;

    /// <summary>The measure's name, for a measure tile.</summary>
    public string? Measure { get; set; }

    public TileAggregation Aggregation { get; set; } = TileAggregation.Average;

    public int? TimeRange { get; set; } = 1;

    public TileTimeUnit TimeUnit { get; set; } = TileTimeUnit.Days;

    public bool CountsEvents => Source != TileSource.Measure;

    /// <summary>What the device page will call the tile, e.g. "Average temperature, last 7 days".</summary>
    public string Label => TileValues.Label(new SummaryTile
    {
        Source = Source,
        Measure = string.IsNullOrWhiteSpace(Measure) ? "…" : Measure.Trim(),
        Aggregation = CountsEvents ? TileAggregation.Count : Aggregation,
        TimeRange = TimeRange ?? 1,
        TimeUnit = TimeUnit,
    });

    public static TileDraft From(TileWrite tile)
    {
        ArgumentNullException.ThrowIfNull(tile);
        return new()
        {
            Source = tile.Source ?? TileSource.Measure,
            Measure = tile.Measure,
            Aggregation = tile.Aggregation ?? TileAggregation.Average,
            TimeRange = tile.TimeRange,
            TimeUnit = tile.TimeUnit ?? TileTimeUnit.Days,
        };
    }

    /// <summary>The tile at <paramref name="position"/>; an event tile names no measure and leaves its aggregation (Count) to the resource.</summary>
    public TileWrite ToWrite(int position) =>
        CountsEvents
            ? new(Source, null, null, TimeRange, TimeUnit, position)
            : new(Source, Measure, Aggregation, TimeRange, TimeUnit, position);
}
