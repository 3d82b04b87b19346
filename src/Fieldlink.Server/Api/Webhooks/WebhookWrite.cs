namespace Fieldlink.Server.Api.Webhooks;

/// <summary>The writable fields of a webhook subscription. <c>eventTypes</c> defaults to <c>["*"]</c>, <c>enabled</c> to true.</summary>
public sealed record WebhookWrite(string? Url, IReadOnlyList<string>? EventTypes, bool? Enabled, string? Description);
