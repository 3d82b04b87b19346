using Fieldlink.Server.Model;

namespace Fieldlink.Web.Tests.Model;

public sealed class ChartSpanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 13, 27, TimeSpan.Zero);

    [Theory]
    [InlineData(ChartRange.LastHour, 15, 240)]
    [InlineData(ChartRange.Last24Hours, 5 * 60, 288)]
    [InlineData(ChartRange.Last7Days, 60 * 60, 168)]
    [InlineData(ChartRange.Last30Days, 3 * 60 * 60, 240)]
    public void Each_range_gets_a_round_interval_with_a_readable_number_of_buckets(ChartRange range, int seconds, int buckets)
    {
        var span = ChartSpan.Last(range, Now);

        Assert.Equal(TimeSpan.FromSeconds(seconds), span.Interval);
        Assert.Equal(Now, span.To);
        // The start is rounded down to a whole interval, so one more bucket begins before now minus the range.
        Assert.InRange(span.BucketCount, buckets, buckets + 1);
        Assert.Equal(0, (span.From - DateTimeOffset.UnixEpoch).Ticks % span.Interval.Ticks);
        Assert.True(span.From <= Now - ChartSpan.Length(range));
    }

    [Fact]
    public void A_span_of_any_length_is_drawn_with_100_to_300_buckets()
    {
        var lengths = new[]
        {
            TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(7), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(47),
            TimeSpan.FromHours(5), TimeSpan.FromHours(30), TimeSpan.FromDays(3), TimeSpan.FromDays(11), TimeSpan.FromDays(45),
            TimeSpan.FromDays(200), TimeSpan.FromDays(3 * 365), TimeSpan.FromDays(10 * 365), TimeSpan.FromDays(80 * 365),
        };
        foreach (var length in lengths)
        {
            var span = ChartSpan.Between(Now - length, Now);

            Assert.True(span.BucketCount is >= 100 and <= ChartSpan.MaxBuckets, $"{length}: {span.BucketCount} buckets of {span.Interval}");
            Assert.True(span.From <= Now - length, $"{length}: starts at {span.From}");
            Assert.Equal(0, (span.From - DateTimeOffset.UnixEpoch).Ticks % span.Interval.Ticks);
        }
    }

    [Fact]
    public void A_zoom_into_a_few_minutes_asks_for_a_finer_interval()
    {
        var day = ChartSpan.Last(ChartRange.Last24Hours, Now);
        var zoom = ChartSpan.Between(Now.AddMinutes(-20), Now.AddMinutes(-5));

        Assert.True(zoom.Interval < day.Interval);
        Assert.Equal(TimeSpan.FromSeconds(5), zoom.Interval);
    }

    [Fact]
    public void A_span_that_ends_before_it_starts_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ChartSpan.Between(Now, Now));
        Assert.Throws<ArgumentException>(() => ChartSpan.Between(Now, Now.AddHours(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChartSpan.Last(ChartRange.Custom, Now));
    }

    [Theory]
    [InlineData(15, "15-second")]
    [InlineData(300, "5-minute")]
    [InlineData(10800, "3-hour")]
    [InlineData(86400, "1-day")]
    [InlineData(0.5, "500-millisecond")]
    public void The_interval_reads_in_words(double seconds, string words) =>
        Assert.Equal(words, new ChartSpan(Now, Now.AddDays(1), TimeSpan.FromSeconds(seconds)).IntervalWords);
}
