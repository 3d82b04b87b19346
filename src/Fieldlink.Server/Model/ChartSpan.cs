using Fieldlink.Core.Readings;

namespace Fieldlink.Server.Model;

/// <summary>
/// The time span the readings chart shows and the bucket interval its readings are folded into in the database: the
/// shortest "round" interval (1 s, 5 min, 3 h, 1 day…) that gives at most <see cref="MaxBuckets"/> buckets, so a
/// span of any length, an hour or ten years, is drawn with a readable number of points (about 100 to 300). The start
/// is rounded down to a whole interval, so buckets begin at 09:00 or 09:15, not 09:13:27.
/// </summary>
public sealed record ChartSpan(DateTimeOffset From, DateTimeOffset To, TimeSpan Interval)
{
    /// <summary>The most buckets a span is drawn with.</summary>
    public const int MaxBuckets = 300;

    /// <summary>Round intervals, each at most 2.5 times the one before (so a span gets at least ~120 buckets).</summary>
    private static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(5),
        TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50),
        TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500),
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12),
        TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(4), TimeSpan.FromDays(7), TimeSpan.FromDays(14),
        TimeSpan.FromDays(30),
    ];

    /// <summary>How many buckets the span holds (the last may be cut short by <see cref="To"/>).</summary>
    public long BucketCount => ReadingsStore.BucketCount(From, To, Interval);

    /// <summary>The interval in words: "15-second", "5-minute", "3-hour", "1-day" (as in "5-minute buckets").</summary>
    public string IntervalWords => Interval switch
    {
        { TotalDays: >= 1 } i when i.Ticks % TimeSpan.TicksPerDay == 0 => $"{i.TotalDays:0}-day",
        { TotalHours: >= 1 } i when i.Ticks % TimeSpan.TicksPerHour == 0 => $"{i.TotalHours:0}-hour",
        { TotalMinutes: >= 1 } i when i.Ticks % TimeSpan.TicksPerMinute == 0 => $"{i.TotalMinutes:0}-minute",
        { TotalSeconds: >= 1 } i when i.Ticks % TimeSpan.TicksPerSecond == 0 => $"{i.TotalSeconds:0}-second",
        var i => $"{i.TotalMilliseconds:0.###}-millisecond",
    };

    /// <summary>The span of <paramref name="range"/> up to <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="range"/> is <see cref="ChartRange.Custom"/>: use <see cref="Between"/>.</exception>
    public static ChartSpan Last(ChartRange range, DateTimeOffset now) => Between(now - Length(range), now);

    /// <summary>The length of a range up to now.</summary>
    public static TimeSpan Length(ChartRange range) => range switch
    {
        ChartRange.LastHour => TimeSpan.FromHours(1),
        ChartRange.Last24Hours => TimeSpan.FromDays(1),
        ChartRange.Last7Days => TimeSpan.FromDays(7),
        ChartRange.Last30Days => TimeSpan.FromDays(30),
        _ => throw new ArgumentOutOfRangeException(nameof(range), range, "A custom span has a from and a to; use ChartSpan.Between."),
    };

    /// <summary>The span from <paramref name="from"/> to <paramref name="to"/>, its start rounded down to a whole interval.</summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is not later than <paramref name="from"/>.</exception>
    public static ChartSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            throw new ArgumentException("The end of a span must be later than its start.", nameof(to));
        }

        var interval = IntervalFor(to - from);
        var start = AlignDown(from.ToUniversalTime(), interval);
        // Rounding the start down can add a bucket; past the most, take the next interval.
        if (ReadingsStore.BucketCount(start, to, interval) > MaxBuckets)
        {
            interval = IntervalFor(to - start);
            start = AlignDown(from.ToUniversalTime(), interval);
        }

        return new ChartSpan(start, to.ToUniversalTime(), interval);
    }

    /// <summary>The shortest round interval that folds <paramref name="length"/> into at most <see cref="MaxBuckets"/> buckets.</summary>
    public static TimeSpan IntervalFor(TimeSpan length)
    {
        foreach (var step in Steps)
        {
            if (ReadingsStore.BucketCount(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch + length, step) <= MaxBuckets)
            {
                return step;
            }
        }

        // Beyond 300 months: whole days, as many as it takes.
        var days = (long)Math.Ceiling(length.TotalDays / MaxBuckets);
        return TimeSpan.FromDays(days);
    }

    private static DateTimeOffset AlignDown(DateTimeOffset time, TimeSpan interval)
    {
        var sinceEpoch = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var remainder = sinceEpoch % interval.Ticks;
        if (remainder < 0)
        {
            remainder += interval.Ticks;
        }

        return new DateTimeOffset(time.UtcTicks - remainder, TimeSpan.Zero);
    }
}
