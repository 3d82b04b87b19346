namespace Fieldlink.Server.Api.Webhooks;

/// <summary>The answer to creating a subscription: its fields and its signing secret, shown this once.</summary>
public sealed record WebhookCreated(
    Guid Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    string? Description,
    DateTimeOffset ActiveFrom,
    DateTimeOffset CreatedAt,
    string Secret);
