namespace Fieldlink.Core.Webhooks;

/// <summary>One attempt of a delivery, as its log keeps it.</summary>
/// <param name="At">When it was made.</param>
/// <param name="StatusCode">The endpoint's HTTP status, or null when none came (refused, timed out, network error).</param>
/// <param name="LatencyMs">How long until the answer or the failure.</param>
/// <param name="Error">What went wrong, or null on success.</param>
/// <param name="Response">The start of the endpoint's answer (at most <see cref="WebhookOptions.MaxResponseBytes"/>).</param>
public sealed record WebhookAttempt(DateTimeOffset At, int? StatusCode, long LatencyMs, string? Error, string? Response);
