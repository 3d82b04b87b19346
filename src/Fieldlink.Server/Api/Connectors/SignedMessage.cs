namespace Fieldlink.Server.Api.Connectors;

/// <summary>A verified Standard Webhooks message (<see cref="VendorSignature"/>): its <c>webhook-id</c>, and when its signature stops verifying.</summary>
public sealed record SignedMessage(string Id, DateTimeOffset ExpiresAt);
