namespace Fieldlink.Server.Api.Webhooks;

/// <summary>The answer to a rotation: the new secret, shown this once, and until when the previous one also signs.</summary>
public sealed record WebhookSecretRotated(Guid Id, string Secret, DateTimeOffset? PreviousSecretUntil);
