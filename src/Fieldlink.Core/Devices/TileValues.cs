using System.Text.Json;
using Fieldlink.Core.Data;
using Fieldlink.Core.Readings;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Devices;

/// <summary>
/// The current values of a device's summary tiles: its own tiles, else its category's, else the reference's defaults
/// (<see cref="Defaults"/>). Measures are aggregated in the database (<see cref="ReadingsStore"/>), events counted there;
/// no raw reading or event is loaded.
/// </summary>
public sealed class TileValues(FieldlinkDbContext db, ReadingsStore readings, TimeProvider time)
{
    /// <summary>How many reported properties get a default tile, as in the reference.</summary>
    public const int DefaultMeasureTiles = 2;

    /// <summary>The tiles the device shows and their values, in position order; null when there is no such device.</summary>
    public async Task<(TileOrigin Origin, IReadOnlyList<TileValue> Values)?> ForDeviceAsync(Guid deviceId, CancellationToken cancellationToken)
    {
        var device = await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deviceId, cancellationToken);
        if (device is null)
        {
            return null;
        }

        var category = device.CategoryId is { } categoryId
            ? await db.DeviceCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == categoryId, cancellationToken)
            : null;
        var (origin, tiles) = device.Tiles is { } own ? (TileOrigin.Device, own)
            : category is { Tiles.Count: > 0 } ? (TileOrigin.Category, category.Tiles)
            : (TileOrigin.Default, Defaults(device.ReportedProperties, [.. (category?.Measures ?? []).Select(m => m.Name)]));
        var ordered = tiles.Select((t, i) => (Tile: t, Index: i)).OrderBy(t => t.Tile.Position).ThenBy(t => t.Index).Select(t => t.Tile).ToList();

        var now = time.GetUtcNow();
        var measureTiles = ordered.Where(t => t.Source == TileSource.Measure && t.Measure is not null).ToList();
        var aggregates = measureTiles.Count == 0
            ? []
            : await readings.AggregateAsync(device.ToRef(), [.. measureTiles.Select(Request)], now, cancellationToken);
        var values = new List<TileValue>(ordered.Count);
        foreach (var tile in ordered)
        {
            var from = tile.TimeUnit == TileTimeUnit.Hours ? now.AddHours(-tile.TimeRange) : now.AddDays(-tile.TimeRange);
            if (tile.Source == TileSource.Measure)
            {
                var aggregate = tile.Measure is null ? null : aggregates[measureTiles.IndexOf(tile)];
                values.Add(new TileValue(tile, Label(tile), aggregate?.Value, aggregate?.Unit, from, now));
            }
            else
            {
                values.Add(new TileValue(tile, Label(tile), await CountAsync(device.Id, tile.Source, from, cancellationToken), null, from, now));
            }
        }

        return (origin, values);
    }

    /// <summary>
    /// The reference's defaults: alerts in the last day, cases and work orders in the last 30 days, and, once the device
    /// has reported properties (after its first data pull), the 7-day average of the first two numeric ones. "First":
    /// the category's measures in the category's order, then the others by name, because PostgreSQL's jsonb does not
    /// keep the order a device reported them in.
    /// </summary>
    public static List<SummaryTile> Defaults(string reportedProperties, IReadOnlyList<string> categoryMeasures)
    {
        ArgumentNullException.ThrowIfNull(categoryMeasures);
        var tiles = new List<SummaryTile>
        {
            new() { Source = TileSource.Alerts, Aggregation = TileAggregation.Count, TimeRange = 1, TimeUnit = TileTimeUnit.Days },
            new() { Source = TileSource.Cases, Aggregation = TileAggregation.Count, TimeRange = 30, TimeUnit = TileTimeUnit.Days },
            new() { Source = TileSource.WorkOrders, Aggregation = TileAggregation.Count, TimeRange = 30, TimeUnit = TileTimeUnit.Days },
        };
        var numeric = NumericProperties(reportedProperties).ToHashSet(StringComparer.Ordinal);
        var first = categoryMeasures.Where(numeric.Contains).Distinct(StringComparer.Ordinal)
            .Concat(numeric.Except(categoryMeasures, StringComparer.Ordinal).Order(StringComparer.Ordinal));
        tiles.AddRange(first.Take(DefaultMeasureTiles)
            .Select(name => new SummaryTile { Source = TileSource.Measure, Measure = name, Aggregation = TileAggregation.Average, TimeRange = 7, TimeUnit = TileTimeUnit.Days }));
        for (var i = 0; i < tiles.Count; i++)
        {
            tiles[i].Position = i;
        }

        return tiles;
    }

    /// <summary>"Average temperature, last 7 days"; "Alerts, last 24 hours"; "Latest humidity, last hour".</summary>
    public static string Label(SummaryTile tile)
    {
        ArgumentNullException.ThrowIfNull(tile);
        var window = tile.TimeRange == 1
            ? $"last {(tile.TimeUnit == TileTimeUnit.Hours ? "hour" : "day")}"
            : $"last {tile.TimeRange} {(tile.TimeUnit == TileTimeUnit.Hours ? "hours" : "days")}";
        var what = tile.Source switch
        {
            TileSource.Alerts => "Alerts",
            TileSource.Cases => "Cases",
            TileSource.WorkOrders => "Work orders",
            _ => tile.Aggregation switch
            {
                TileAggregation.Count => $"Readings of {tile.Measure}",
                TileAggregation.Min => $"Lowest {tile.Measure}",
                TileAggregation.Max => $"Highest {tile.Measure}",
                _ => $"{tile.Aggregation} {tile.Measure}",
            },
        };
        return $"{what}, {window}";
    }

    private static AggregateRequest Request(SummaryTile tile) => new(
        tile.Measure!,
        tile.Aggregation switch
        {
            TileAggregation.Min => AggregateKind.Min,
            TileAggregation.Max => AggregateKind.Max,
            TileAggregation.Sum => AggregateKind.Sum,
            TileAggregation.Count => AggregateKind.Count,
            TileAggregation.Latest => AggregateKind.None,
            _ => AggregateKind.Avg,
        },
        tile.TimeUnit == TileTimeUnit.Hours ? TimeRangeType.Hours : TimeRangeType.Days,
        tile.TimeRange);

    private async Task<double?> CountAsync(Guid deviceId, TileSource source, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var alerts = db.Alerts.AsNoTracking().Where(a => a.DeviceRecordId == deviceId);
        return source switch
        {
            TileSource.Alerts => await alerts.CountAsync(a => a.AlertTime >= from, cancellationToken),
            TileSource.Cases => await db.Cases.AsNoTracking().CountAsync(c => c.CreatedAt >= from && alerts.Any(a => a.Id == c.AlertId), cancellationToken),
            TileSource.WorkOrders => await db.WorkOrders.AsNoTracking().CountAsync(w => w.CreatedAt >= from && alerts.Any(a => a.Id == w.AlertId), cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Not an event tile."),
        };
    }

    private static IEnumerable<string> NumericProperties(string reportedProperties)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(reportedProperties);
        }
        catch (JsonException)
        {
            yield break;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                yield break;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Number)
                {
                    yield return property.Name;
                }
            }
        }
    }
}
