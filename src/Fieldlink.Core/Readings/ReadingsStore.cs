using Fieldlink.Core.Data;
using Fieldlink.Core.Outcomes;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Readings;

/// <summary>
/// Answers readings queries and aggregates from Fieldlink's own store: what a device's provider answers when its
/// connector does not query readings itself. All folding happens in the database; only buckets travel.
/// </summary>
public sealed class ReadingsStore(FieldlinkDbContext db, TimeProvider time)
{
    /// <summary>The most buckets one query may ask for (a month of minutes is 43,200; a month of 5 minutes, 8,640).</summary>
    public const int MaxBuckets = 10_000;

    /// <summary>The shortest bucket.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(1);

    /// <summary>The most hours or days an aggregate looks back (as the reference's aggregate action allows).</summary>
    public const int MaxTimeRangeValue = 90;

    /// <summary>What is wrong with <paramref name="query"/> (an Invalid refusal naming the field), or null when it can be answered.</summary>
    public static Refusal? Check(ReadingsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.To <= query.From)
        {
            return new Refusal(RefusalKind.Invalid, "'to' must be later than 'from'.", Field: "to");
        }

        if (query.Interval < MinInterval)
        {
            return new Refusal(RefusalKind.Invalid, "The interval must be at least 1 millisecond (PT0.001S).", Field: "interval");
        }

        var buckets = BucketCount(query.From, query.To, query.Interval);
        return buckets > MaxBuckets
            ? new Refusal(
                RefusalKind.Invalid,
                $"From 'from' to 'to' in steps of {query.Interval} is {buckets} buckets; at most {MaxBuckets} are answered. Choose a longer interval or a shorter range.",
                Field: "interval")
            : null;
    }

    /// <summary>How many buckets [from, to) holds: the last one may be cut short by <paramref name="to"/>.</summary>
    public static long BucketCount(DateTimeOffset from, DateTimeOffset to, TimeSpan interval)
    {
        var span = (to - from).Ticks;
        return span <= 0 ? 0 : ((span - 1) / interval.Ticks) + 1;
    }

    /// <summary>
    /// The device's readings in [From, To) in buckets of Interval aligned to From, per measure; buckets without
    /// readings are left out, and a measure asked for by name is in the answer even when it has none.
    /// </summary>
    /// <exception cref="ArgumentException">The query fails <see cref="Check"/>; its ParamName is the field.</exception>
    public async Task<ReadingsResult> QueryAsync(ReadingsQuery query, CancellationToken cancellationToken)
    {
        if (Check(query) is { } error)
        {
            throw new ArgumentException(error.Message, error.Field);
        }

        var series = await SeriesAsync(query.Device.Id, query.Measures, cancellationToken);
        var measures = new Dictionary<string, IReadOnlyList<ReadingBucket>>(StringComparer.Ordinal);
        foreach (var name in query.Measures)
        {
            measures[name] = [];
        }

        if (series.Count > 0)
        {
            var names = series.ToDictionary(s => s.Id, s => s.Measure);
            var from = ReadingTime.Normalize(query.From);
            var to = ReadingTime.Normalize(query.To);
            var interval = TimeSpan.FromTicks(ReadingTime.ToMicroseconds(query.Interval) * (TimeSpan.TicksPerMillisecond / 1000));
            var rows = await db.ReadingsSql.QueryBucketsAsync(db, [.. names.Keys], from, to, interval, cancellationToken);
            foreach (var group in rows.GroupBy(r => r.SeriesId))
            {
                measures[names[group.Key]] = [.. group.Select(r => r.Bucket)];
            }
        }

        return new ReadingsResult(measures);
    }

    /// <summary>
    /// Each aggregate over the device's readings: the last N hours or days before now (readings stamped a little
    /// ahead of this server's clock included), or the latest reading. <see cref="AggregateKind.None"/> is the
    /// latest value in the range. The unit comes from the device category's measure of that name.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A request's TimeRangeValue is not 1 to 90 for Hours or Days.</exception>
    public Task<IReadOnlyList<AggregateValue>> AggregateAsync(DeviceRef device, IReadOnlyList<AggregateRequest> requests, CancellationToken cancellationToken) =>
        AggregateAsync(device, requests, time.GetUtcNow(), cancellationToken);

    /// <summary>As <see cref="AggregateAsync(DeviceRef, IReadOnlyList{AggregateRequest}, CancellationToken)"/>, with the windows ending at <paramref name="now"/> (so a caller can show them).</summary>
    public async Task<IReadOnlyList<AggregateValue>> AggregateAsync(DeviceRef device, IReadOnlyList<AggregateRequest> requests, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            if (request.TimeRangeType != TimeRangeType.Latest && request.TimeRangeValue is < 1 or > MaxTimeRangeValue)
            {
                throw new ArgumentOutOfRangeException(nameof(requests), request.TimeRangeValue, $"timeRangeValue must be 1 to {MaxTimeRangeValue}.");
            }
        }

        var units = await UnitsAsync(device.Id, cancellationToken);
        var series = (await SeriesAsync(device.Id, [.. requests.Select(r => r.Measure).Distinct()], cancellationToken))
            .ToDictionary(s => s.Measure, s => s.Id, StringComparer.Ordinal);
        var values = new List<AggregateValue>(requests.Count);
        foreach (var request in requests)
        {
            double? value = null;
            if (series.TryGetValue(request.Measure, out var seriesId))
            {
                value = await AggregateAsync(seriesId, request, now, cancellationToken);
            }

            values.Add(new AggregateValue(request, value, units.GetValueOrDefault(request.Measure)));
        }

        return values;
    }

    private async Task<double?> AggregateAsync(int seriesId, AggregateRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var readings = db.Readings.AsNoTracking().Where(r => r.SeriesId == seriesId);
        if (request.TimeRangeType == TimeRangeType.Latest)
        {
            return await LatestAsync(readings, cancellationToken);
        }

        var since = ReadingTime.Normalize(request.TimeRangeType == TimeRangeType.Hours
            ? now.AddHours(-request.TimeRangeValue)
            : now.AddDays(-request.TimeRangeValue));
        readings = readings.Where(r => r.Timestamp >= since);
        if (request.Aggregate == AggregateKind.None)
        {
            return await LatestAsync(readings, cancellationToken);
        }

        // Sums in two parts that no stored data can overflow (see ReadingSums); the average is their sum over the count.
        var large = ReadingSums.Large;
        var scale = ReadingSums.Scale;
        var folded = await readings
            .GroupBy(r => r.SeriesId)
            .Select(g => new
            {
                Count = g.LongCount(),
                Small = g.Sum(r => Math.Abs(r.Value) < large ? r.Value : 0.0),
                Large = g.Sum(r => Math.Abs(r.Value) < large ? 0.0 : r.Value * scale),
                Min = g.Min(r => r.Value),
                Max = g.Max(r => r.Value),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (folded is null)
        {
            return null;
        }

        return request.Aggregate switch
        {
            AggregateKind.Avg => ReadingSums.Average(folded.Small, folded.Large, folded.Count),
            AggregateKind.Min => folded.Min,
            AggregateKind.Max => folded.Max,
            AggregateKind.Sum => ReadingSums.Sum(folded.Small, folded.Large),
            AggregateKind.Count => folded.Count,
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Aggregate, "Unknown aggregate."),
        };
    }

    private static Task<double?> LatestAsync(IQueryable<Reading> readings, CancellationToken cancellationToken) =>
        readings.OrderByDescending(r => r.Timestamp).Select(r => (double?)r.Value).FirstOrDefaultAsync(cancellationToken);

    private async Task<List<ReadingSeries>> SeriesAsync(Guid deviceRecordId, IReadOnlyList<string> measures, CancellationToken cancellationToken)
    {
        var series = db.ReadingSeries.AsNoTracking().Where(s => s.DeviceRecordId == deviceRecordId);
        if (measures.Count > 0)
        {
            var names = measures.ToList();
            series = series.Where(s => names.Contains(s.Measure));
        }

        return await series.ToListAsync(cancellationToken);
    }

    private async Task<Dictionary<string, string?>> UnitsAsync(Guid deviceRecordId, CancellationToken cancellationToken)
    {
        var categoryId = await db.Devices.AsNoTracking().Where(d => d.Id == deviceRecordId).Select(d => d.CategoryId).FirstOrDefaultAsync(cancellationToken);
        var category = categoryId is null
            ? null
            : await db.DeviceCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == categoryId, cancellationToken);
        var units = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var measure in category?.Measures ?? [])
        {
            units.TryAdd(measure.Name, measure.Unit);
        }

        return units;
    }
}
