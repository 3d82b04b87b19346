using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fieldlink.Connectors.Http.Internal;

/// <summary>
/// Signs a command POST as the vendor's verifier expects: Standard Webhooks headers, or one header with the body's HMAC.
/// The same signature as Core's <c>WebhookSigner</c>, written again here because a connector sees only the SDK.
/// </summary>
internal static class HttpSigning
{
    private const string SecretPrefix = "whsec_";

    public static void Sign(HttpRequestMessage request, HttpConnectorSettings settings, string id, DateTimeOffset now, string body)
    {
        var secret = settings.SigningSecret!;
        if (settings.SignatureScheme == HttpSignatureScheme.HmacSha256)
        {
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body));
            request.Headers.Add(settings.SignatureHeader, "sha256=" + Convert.ToHexStringLower(mac));
            return;
        }

        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var signature = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", "v1," + Convert.ToBase64String(signature));
    }
}
