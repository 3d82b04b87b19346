namespace Fieldlink.Core.Readings;

/// <summary>What telemetry needs of a device: its record id, its <c>deviceId</c> and its category (for threshold rules).</summary>
public sealed record TelemetryDevice(Guid Id, string DeviceId, Guid? CategoryId);
