using Fieldlink.Core.Webhooks;

namespace Fieldlink.Server.Model;

/// <summary>
/// One delivery of a subscription's log: its event, where it is, its attempts since it was written or last redelivered
/// (and every attempt logged), the endpoint's last answer — status code and the start of its body, or the error — and
/// when it is next tried or was completed.
/// </summary>
public sealed record WebhookDeliveryRow(
    Guid Id,
    string MessageId,
    string EventType,
    WebhookDeliveryStatus Status,
    int Attempts,
    int LoggedAttempts,
    int? LastStatusCode,
    string? LastError,
    string? Response,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset CreatedAt)
{
    /// <summary>Whether it may be sent again by hand: only once it succeeded, died or was canceled.</summary>
    public bool MayRedeliver => Status != WebhookDeliveryStatus.Pending;

    /// <summary>The endpoint's last answer in a line: "500 · Internal error", "refused", or a dash before any attempt.</summary>
    public string Answer => (LastStatusCode, LastError, Response) switch
    {
        ({ } code, _, { Length: > 0 } body) => $"{code} · {body}",
        ({ } code, { } error, _) => $"{code} · {error}",
        ({ } code, null, _) => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
        (null, { } error, _) => error,
        _ => "—",
    };
}
