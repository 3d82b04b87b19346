namespace Fieldlink.Sdk;

/// <summary>The device-events action: events drawn as pins on a device's readings chart. Without it, Fieldlink answers from its own records.</summary>
public interface IGetDeviceEvents
{
    /// <summary>Reads the device's events in a time range.</summary>
    /// <param name="query">The device and the time range.</param>
    /// <param name="cancellationToken">Cancelled when the action times out.</param>
    /// <returns>Named series of events, e.g. "Service History".</returns>
    Task<IReadOnlyList<DeviceEventSeries>> GetDeviceEventsAsync(DeviceEventsQuery query, CancellationToken cancellationToken);
}
