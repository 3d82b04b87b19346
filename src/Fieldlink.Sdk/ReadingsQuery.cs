namespace Fieldlink.Sdk;

/// <summary>A bucketed query of a device's readings.</summary>
/// <param name="Device">The device.</param>
/// <param name="From">The start, inclusive; buckets start here.</param>
/// <param name="To">The end, exclusive.</param>
/// <param name="Interval">The bucket size, e.g. one hour.</param>
/// <param name="Measures">The measures to read; empty for all the device has.</param>
public sealed record ReadingsQuery(DeviceRef Device, DateTimeOffset From, DateTimeOffset To, TimeSpan Interval, IReadOnlyList<string> Measures);
