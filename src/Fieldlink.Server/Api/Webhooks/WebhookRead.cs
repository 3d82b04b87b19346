namespace Fieldlink.Server.Api.Webhooks;

/// <summary>
/// A webhook subscription as the API shows it: never its secret. <c>activeFrom</c>: from then on every event reaches
/// it; <c>disabledReason</c>: why Fieldlink disabled it (410 Gone); <c>failingSince</c>: a delivery ran out of retries.
/// </summary>
public sealed record WebhookRead(
    Guid Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    string? Description,
    DateTimeOffset ActiveFrom,
    string? DisabledReason,
    DateTimeOffset? FailingSince,
    DateTimeOffset? PreviousSecretUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
