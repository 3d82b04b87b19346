using System.Text.Json.Nodes;
using Fieldlink.Core.Commands;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Api.Commands;

/// <summary>
/// A command as the API shows it, with a timestamp per step of its lifecycle. <c>errorDetail</c>, what the provider's
/// system answered with a refusal, is shown to Administrators only (null for other roles): a vendor may echo internal
/// information in it, and only Administrators may see the provider instance's settings.
/// </summary>
public sealed record CommandRead(
    Guid Id,
    Guid DeviceRecordId,
    Guid? CustomerAssetId,
    string Name,
    JsonObject Parameters,
    Guid? AlertId,
    CommandStatus Status,
    DateTimeOffset QueuedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? TimeoutAt,
    JsonNode? Response,
    string? Error,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? ErrorDetail,
    int Attempts,
    string? IdempotencyKey,
    DateTimeOffset UpdatedAt)
{
    public static CommandRead From(Command c, bool withErrorDetail = false)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.DeviceRecordId, c.CustomerAssetId, c.Name, JsonNode.Parse(c.Parameters) as JsonObject ?? [], c.AlertId, c.Status,
            c.CreatedAt, c.SentAt, c.DeliveredAt, c.CompletedAt, c.ExpiresAt, c.TimeoutAt,
            c.Response is null ? null : JsonNode.Parse(c.Response), c.Error, withErrorDetail ? c.ErrorDetail : null, c.Attempts, c.IdempotencyKey, c.UpdatedAt);
    }
}
