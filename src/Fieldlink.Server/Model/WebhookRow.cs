using Fieldlink.Core.Webhooks;

namespace Fieldlink.Server.Model;

/// <summary>
/// One webhook subscription as the administration page lists it — never its secret: what it wants, whether it is on,
/// how its newest delivery went, and the <see cref="Warning"/> an Administrator must not miss when it is failing.
/// </summary>
public sealed record WebhookRow(
    Guid Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    string? Description,
    string? DisabledReason,
    DateTimeOffset? FailingSince,
    DateTimeOffset? PreviousSecretUntil,
    DateTimeOffset ActiveFrom,
    long Version,
    WebhookDeliveryStatus? LastStatus,
    int? LastStatusCode,
    DateTimeOffset? LastDeliveryAt,
    int DeadRecently,
    int Retrying)
{
    /// <summary>Why the subscription is failing, in sentences; null while it is not (<see cref="WebhookWarning"/>).</summary>
    public string? Warning => WebhookWarning.Of(this);

    /// <summary>The event types in a phrase: "All events" for <c>*</c>.</summary>
    public string EventTypesText => EventTypes.Contains(WebhookEventTypes.All) ? "All events" : string.Join(", ", EventTypes);
}
