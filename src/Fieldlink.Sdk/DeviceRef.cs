namespace Fieldlink.Sdk;

/// <summary>A device as an action sees it.</summary>
/// <param name="Id">Fieldlink's id of the device.</param>
/// <param name="DeviceId">The device's id in the provider's system.</param>
/// <param name="Name">The device's name.</param>
/// <param name="TimeZone">The device's IANA time zone, if known.</param>
/// <param name="Simulated">Whether the device is simulated.</param>
public sealed record DeviceRef(Guid Id, string DeviceId, string Name, string? TimeZone, bool Simulated);
