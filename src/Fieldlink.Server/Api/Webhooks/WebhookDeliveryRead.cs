using System.Text.Json.Nodes;
using Fieldlink.Core.Webhooks;

namespace Fieldlink.Server.Api.Webhooks;

/// <summary>
/// One event's delivery to a subscription: its <c>webhook-id</c> (<c>messageId</c>), status, the number of attempts and
/// each attempt (<c>attemptLog</c>: when, status code, latency, error, the start of the answer), and the body sent.
/// </summary>
public sealed record WebhookDeliveryRead(
    Guid Id,
    Guid SubscriptionId,
    string MessageId,
    string EventType,
    WebhookDeliveryStatus Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? CompletedAt,
    DateTimeOffset CreatedAt,
    JsonNode? AttemptLog,
    JsonNode? Payload);
