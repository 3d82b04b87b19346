namespace Fieldlink.Core.Readings;

/// <summary>
/// One measure of one device: the small integer the readings of that pair are stored under, so a reading row
/// does not repeat a 16-byte device id and a measure name.
/// </summary>
public sealed class ReadingSeries
{
    public const int MeasureMaxLength = 100;

    public int Id { get; set; }

    /// <summary>
    /// Fieldlink's id of the device (the device record's <c>Id</c>), not the provider's <c>deviceId</c>,
    /// which is only unique within an instance.
    /// </summary>
    public Guid DeviceRecordId { get; set; }

    public required string Measure { get; set; }
}
