using Fieldlink.Core.Data;

namespace Fieldlink.Core.Webhooks;

/// <summary>
/// An endpoint that receives events: its URL, the event types it wants, and the secret its deliveries are signed
/// with. During a rotation the previous secret signs too, until <see cref="PreviousSecretUntil"/>.
/// </summary>
public sealed class WebhookSubscription : Entity
{
    public const int UrlMaxLength = 2000;

    public required string Url { get; set; }

    /// <summary>The wanted event types, space-separated; <c>*</c> wants every type.</summary>
    public string EventTypes { get; set; } = "*";

    public bool Enabled { get; set; } = true;

    public string? Description { get; set; }

    /// <summary>The signing secret, <c>whsec_</c> and base64; shown once, when it is made.</summary>
    public required string Secret { get; set; }

    /// <summary>The secret before the last rotation, which still signs until <see cref="PreviousSecretUntil"/>.</summary>
    public string? PreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretUntil { get; set; }

    /// <summary>From when every event is guaranteed to reach this subscription (see docs/webhooks.md).</summary>
    public DateTimeOffset ActiveFrom { get; set; }

    /// <summary>Why Fieldlink disabled it (its endpoint answered 410 Gone), or null.</summary>
    public string? DisabledReason { get; set; }

    /// <summary>Set when a delivery ran out of retries; cleared by the next successful delivery.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>The wanted event types as a list.</summary>
    public IReadOnlyList<string> EventTypeList() => EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether it wants events of <paramref name="type"/>.</summary>
    public static bool Wants(IReadOnlyList<string> eventTypes, string type)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        foreach (var wanted in eventTypes)
        {
            if (wanted == WebhookEventTypes.All || string.Equals(wanted, type, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
