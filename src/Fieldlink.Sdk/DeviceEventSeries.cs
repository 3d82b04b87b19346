namespace Fieldlink.Sdk;

/// <summary>A named series of device events, e.g. "Service History".</summary>
/// <param name="Name">The series' name.</param>
/// <param name="Events">The events, oldest first.</param>
public sealed record DeviceEventSeries(string Name, IReadOnlyList<DeviceEvent> Events);
