using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Webhooks;

/// <summary>Log messages of webhooks (event ids 2700–2799, in <see cref="CoreEventIds"/>).</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = CoreEventIds.WebhookRoundFailed, Level = LogLevel.Error, Message = "The webhook dispatcher failed a round; it goes on")]
    public static partial void RoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = CoreEventIds.WebhookAttempted, Level = LogLevel.Debug, Message = "Webhook delivery {DeliveryId} ({EventType}) to subscription {SubscriptionId}: attempt {Attempt} answered {StatusCode} {Error}")]
    public static partial void Attempted(ILogger logger, Guid deliveryId, string eventType, Guid subscriptionId, int attempt, int? statusCode, string? error);

    [LoggerMessage(EventId = CoreEventIds.WebhookDead, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to subscription {SubscriptionId} is dead after {Attempts} attempts: {Error}")]
    public static partial void Dead(ILogger logger, Guid deliveryId, Guid subscriptionId, int attempts, string? error);

    [LoggerMessage(EventId = CoreEventIds.WebhookGone, Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId} is disabled: its endpoint answered 410 Gone")]
    public static partial void Gone(ILogger logger, Guid subscriptionId);
}
