using Fieldlink.Core.Devices;

namespace Fieldlink.Server.Api.Devices;

/// <summary>
/// A summary tile: its source (a measure, or the device's Alerts, Cases or WorkOrders; default Measure), the measure's
/// name, the aggregation (default Average for a measure, Count, the only one allowed, for events), the time range
/// (1 to 90) and its unit (Hours or Days, default Days), and its position (default its place in the list).
/// </summary>
public sealed record TileWrite(TileSource? Source, string? Measure, TileAggregation? Aggregation, int? TimeRange, TileTimeUnit? TimeUnit = null, int? Position = null);
