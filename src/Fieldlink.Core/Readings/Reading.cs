namespace Fieldlink.Core.Readings;

/// <summary>
/// One measured value. Deliberately not an <see cref="Data.Entity"/>: a reading has no id, version or audit
/// timestamps of its own, because at tens of thousands a second every byte of a row counts. Its key is
/// (<see cref="SeriesId"/>, <see cref="Timestamp"/>), so a repeat of the same instant overwrites the value.
/// </summary>
public sealed class Reading
{
    public int SeriesId { get; set; }

    /// <summary>When the value was measured; kept to the microsecond (what both databases store).</summary>
    public DateTimeOffset Timestamp { get; set; }

    public double Value { get; set; }
}
