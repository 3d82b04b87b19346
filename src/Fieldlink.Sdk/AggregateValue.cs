namespace Fieldlink.Sdk;

/// <summary>The value of one <see cref="AggregateRequest"/>.</summary>
/// <param name="Request">What was asked.</param>
/// <param name="Value">The value; null when there were no readings.</param>
/// <param name="Unit">The measure's unit, if known.</param>
public sealed record AggregateValue(AggregateRequest Request, double? Value, string? Unit);
