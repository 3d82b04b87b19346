namespace Fieldlink.Core.Thresholds;

/// <summary>
/// Where one measure of one device stands against its thresholds, shared by every process that ingests the device's
/// telemetry: the row a crossing must change, conditionally, before its alert is raised, so two processes that see
/// the same crossing raise one alert. Each process caches these rows (<see cref="ThresholdCache"/>).
/// </summary>
public sealed class MeasureThresholdState
{
    /// <summary>Fieldlink's id of the device (the device record's <c>Id</c>).</summary>
    public Guid DeviceRecordId { get; set; }

    public required string Measure { get; set; }

    public ThresholdState State { get; set; }

    /// <summary>
    /// The timestamp of the reading that moved the measure into <see cref="State"/>: a change is only accepted from a
    /// later reading, so a late or repeated reading cannot turn the state back.
    /// </summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The value of that reading.</summary>
    public double Value { get; set; }

    /// <summary>When a process wrote the row (by its clock), so other processes can fetch only what changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
