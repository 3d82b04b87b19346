namespace Fieldlink.Server.Api.Webhooks;

/// <summary>The body of a rotation: how long the previous secret goes on signing, in seconds (0 to 604800; default 86400, a day).</summary>
public sealed record WebhookRotation(long? OverlapSeconds);
