namespace Fieldlink.Sdk;

/// <summary>Readings of one device at one time.</summary>
/// <param name="DeviceId">The device's id in the provider's system.</param>
/// <param name="Timestamp">When the values were measured; null for the time they arrive.</param>
/// <param name="Values">The values by measure name, e.g. <c>{"temperature": 21.5}</c>.</param>
public sealed record TelemetryReport(string DeviceId, DateTimeOffset? Timestamp, IReadOnlyDictionary<string, double> Values);
