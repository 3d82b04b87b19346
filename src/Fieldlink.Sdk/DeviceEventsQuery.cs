namespace Fieldlink.Sdk;

/// <summary>A query of a device's events.</summary>
/// <param name="Device">The device.</param>
/// <param name="From">The start, inclusive.</param>
/// <param name="To">The end, exclusive.</param>
public sealed record DeviceEventsQuery(DeviceRef Device, DateTimeOffset From, DateTimeOffset To);
