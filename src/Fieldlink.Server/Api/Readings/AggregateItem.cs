using Fieldlink.Sdk;

namespace Fieldlink.Server.Api.Readings;

/// <summary>One aggregate to compute, as the reference's aggregated-readings action takes it.</summary>
public sealed record AggregateItem(string? Measure, AggregateKind? Aggregate, TimeRangeType? TimeRangeType, int? TimeRangeValue);
