namespace Fieldlink.Sdk;

/// <summary>One aggregate to compute, e.g. the minimum humidity over 7 days.</summary>
/// <param name="Measure">The measure.</param>
/// <param name="Aggregate">How to fold the readings.</param>
/// <param name="TimeRangeType">Hours, days, or the latest reading.</param>
/// <param name="TimeRangeValue">How many hours or days (1 to 90); ignored for <see cref="TimeRangeType.Latest"/>.</param>
public sealed record AggregateRequest(string Measure, AggregateKind Aggregate, TimeRangeType TimeRangeType, int TimeRangeValue);
