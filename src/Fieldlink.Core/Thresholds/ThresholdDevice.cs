namespace Fieldlink.Core.Thresholds;

/// <summary>A device whose telemetry is checked against its category's thresholds.</summary>
/// <param name="DeviceId">The device's id in its provider's system, as its alerts name it.</param>
/// <param name="CategoryId">The device's category, whose measures hold the thresholds.</param>
public sealed record ThresholdDevice(string DeviceId, Guid CategoryId);
