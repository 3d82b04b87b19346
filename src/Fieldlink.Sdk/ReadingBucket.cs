namespace Fieldlink.Sdk;

/// <summary>The readings of one measure in one bucket.</summary>
/// <param name="Timestamp">The bucket's start.</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="Avg">The mean.</param>
/// <param name="Sum">The sum.</param>
/// <param name="Count">How many readings.</param>
public sealed record ReadingBucket(DateTimeOffset Timestamp, double Min, double Max, double Avg, double Sum, long Count);
