namespace Fieldlink.Core.Readings;

/// <summary>A reading to write, before its series is known.</summary>
/// <param name="DeviceRecordId">Fieldlink's id of the device.</param>
/// <param name="Measure">The measure's name, e.g. <c>temperature</c>.</param>
/// <param name="Timestamp">When the value was measured.</param>
/// <param name="Value">The value; finite.</param>
public readonly record struct DeviceReading(Guid DeviceRecordId, string Measure, DateTimeOffset Timestamp, double Value);
