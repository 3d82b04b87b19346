namespace Fieldlink.Core.Readings;

/// <summary>
/// Reading timestamps are kept to the microsecond, the precision PostgreSQL's <c>timestamptz</c> has, and SQLite
/// stores them as microseconds since the Unix epoch, so both databases agree on which two timestamps are the same.
/// </summary>
public static class ReadingTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>The instant in UTC, cut to whole microseconds.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TicksPerMicrosecond), TimeSpan.Zero);

    public static long ToUnixMicroseconds(DateTimeOffset value) =>
        (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond;

    public static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (microseconds * TicksPerMicrosecond), TimeSpan.Zero);

    public static long ToMicroseconds(TimeSpan value) => value.Ticks / TicksPerMicrosecond;
}
