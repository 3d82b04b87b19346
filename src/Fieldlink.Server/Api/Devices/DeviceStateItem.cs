using System.Text.Json.Nodes;
using Fieldlink.Core.Devices;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Api.Devices;

/// <summary>One item of <c>POST /api/v1/ingest/state</c>; what is omitted is left as it was.</summary>
/// <param name="DeviceId">The device's id in its provider's system.</param>
/// <param name="ConnectionState">Connected, Disconnected or Unknown.</param>
/// <param name="ReportedProperties">Merged into the stored ones at the top level; a property set to null is removed.</param>
/// <param name="LastActivityAt">When the device was last heard from; omitted for now.</param>
public sealed record DeviceStateItem(string? DeviceId, ConnectionState? ConnectionState, JsonObject? ReportedProperties, DateTimeOffset? LastActivityAt)
{
    /// <summary>The report <see cref="DeviceStateIngestion"/> takes.</summary>
    public DeviceStateReport ToReport() => new(DeviceId!, ConnectionState, ReportedProperties, LastActivityAt);
}
