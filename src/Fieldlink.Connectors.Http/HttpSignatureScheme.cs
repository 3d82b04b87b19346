namespace Fieldlink.Connectors.Http;

/// <summary>How a vendor signs what it sends to Fieldlink.</summary>
public enum HttpSignatureScheme
{
    /// <summary>Standard Webhooks: <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature</c> headers, keyed with the <c>whsec_</c> secret.</summary>
    StandardWebhooks,

    /// <summary>One header (<see cref="HttpSettings.SignatureHeader"/>) with the HMAC-SHA256 of the raw body, hex or base64, keyed with the secret's UTF-8 bytes.</summary>
    HmacSha256,
}
