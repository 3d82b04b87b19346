namespace Fieldlink.Core.Readings;

/// <summary>When a device was last heard from, as a batch of telemetry says.</summary>
/// <param name="DeviceRecordId">Fieldlink's id of the device.</param>
/// <param name="At">The latest time the batch speaks for; the device's last activity only ever moves forward to it.</param>
public readonly record struct DeviceActivity(Guid DeviceRecordId, DateTimeOffset At);
