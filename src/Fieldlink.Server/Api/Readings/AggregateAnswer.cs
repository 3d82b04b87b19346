using Fieldlink.Sdk;

namespace Fieldlink.Server.Api.Readings;

/// <summary>The value of one aggregate; null when there were no readings.</summary>
public sealed record AggregateAnswer(string Measure, AggregateKind Aggregate, TimeRangeType TimeRangeType, int TimeRangeValue, double? Value, string? Unit);
