namespace Fieldlink.Server.Api.Connectors;

/// <summary>The answer to a signed message sent again while its signature still verifies: taken before, not processed again.</summary>
/// <param name="Status">Always <c>duplicate</c>.</param>
/// <param name="WebhookId">The message's <c>webhook-id</c>.</param>
/// <param name="Detail">The same in words.</param>
public sealed record DuplicateMessage(string Status, string WebhookId, string Detail);
