using Fieldlink.Core.Readings;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Api.Readings;

/// <summary>One item of <c>POST /api/v1/ingest/telemetry</c>: a device's values at one time.</summary>
/// <param name="DeviceId">The device's id in its provider's system.</param>
/// <param name="Timestamp">When the values were measured; omitted for the time they arrive.</param>
/// <param name="Values">The values by measure, e.g. <c>{"temperature": 21.5}</c>; finite numbers.</param>
public sealed record TelemetryItem(string? DeviceId, DateTimeOffset? Timestamp, Dictionary<string, double>? Values)
{
    /// <summary>The report <see cref="TelemetryIngestion"/> takes.</summary>
    public TelemetryReport ToReport() => new(DeviceId!, Timestamp, Values ?? []);
}
