using Fieldlink.Core.Data;

namespace Fieldlink.Core.Webhooks;

/// <summary>
/// One event for one subscription: the outbox row written in the transaction of the change that caused the event,
/// then claimed with a lease by a <see cref="WebhookDispatcher"/> and tried on the retry schedule until it succeeds
/// or is dead. Its <see cref="MessageId"/> is the <c>webhook-id</c>, the same on every attempt.
/// </summary>
public sealed class WebhookDelivery : Entity
{
    public Guid SubscriptionId { get; set; }

    /// <summary>The event's id, shared by the deliveries of one event to several subscriptions.</summary>
    public Guid MessageId { get; set; }

    public required string EventType { get; set; }

    /// <summary>The body sent, <c>{"type", "timestamp", "data"}</c>, the same bytes on every attempt.</summary>
    public required string Payload { get; set; }

    public WebhookDeliveryStatus Status { get; set; } = WebhookDeliveryStatus.Pending;

    /// <summary>Attempts made since it was written or last redelivered by hand.</summary>
    public int Attempts { get; set; }

    /// <summary>When it is next due while Pending.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    /// <summary>When it Succeeded, was Dead or Canceled.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Every attempt, a JSON array of <see cref="WebhookAttempt"/>.</summary>
    public string AttemptLog { get; set; } = "[]";

    /// <summary>The dispatcher process holding it while it delivers it.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }
}
