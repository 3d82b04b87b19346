using System.Text.Json.Nodes;

namespace Fieldlink.Sdk;

/// <summary>A change of a device's state; what is null is left as it was.</summary>
/// <param name="DeviceId">The device's id in the provider's system.</param>
/// <param name="ConnectionState">Whether the device is now connected.</param>
/// <param name="ReportedProperties">Properties the device reports; they are merged into the ones it reported before.</param>
/// <param name="LastActivityAt">When the device was last heard from; null for now.</param>
public sealed record DeviceStateReport(string DeviceId, ConnectionState? ConnectionState = null, JsonObject? ReportedProperties = null, DateTimeOffset? LastActivityAt = null);
