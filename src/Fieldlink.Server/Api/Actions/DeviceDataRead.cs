using System.Text.Json.Nodes;
using Fieldlink.Core.Actions;
using Fieldlink.Core.Devices;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Api.Actions;

/// <summary>A device data history record (one pull) as the API shows it.</summary>
public sealed record DeviceDataRead(
    Guid Id,
    Guid DeviceRecordId,
    ActionOutcome Outcome,
    DeviceDataStatus? Status,
    ConnectionState? ConnectionState,
    DateTimeOffset? ConnectionStateChangedAt,
    JsonObject? ReportedProperties,
    DateTimeOffset? LastActivityAt,
    string? Message,
    DateTimeOffset CreatedAt)
{
    public static DeviceDataRead From(DeviceDataHistory h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new(h.Id, h.DeviceRecordId, h.Outcome, h.Status, h.ConnectionState, h.ConnectionStateChangedAt,
            h.ReportedProperties is null ? null : JsonNode.Parse(h.ReportedProperties) as JsonObject, h.LastActivityAt, h.Message, h.CreatedAt);
    }
}
