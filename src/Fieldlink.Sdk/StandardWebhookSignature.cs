using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fieldlink.Sdk;

/// <summary>
/// <see href="https://www.standardwebhooks.com/">Standard Webhooks</see> secrets and signatures, the one
/// implementation Fieldlink signs and verifies with: a secret is <c>whsec_</c> and base64 of its key bytes; a signature
/// is <c>v1,</c> and base64 of HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c> keyed with the secret's key bytes, sent
/// in the <c>webhook-signature</c> header beside <c>webhook-id</c> and <c>webhook-timestamp</c> (Unix seconds).
/// Thread-safe.
/// </summary>
public static class StandardWebhookSignature
{
    /// <summary>The prefix of a Standard Webhooks secret: <c>whsec_</c>.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>The header carrying the message id: <c>webhook-id</c>.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header carrying the time of sending in Unix seconds: <c>webhook-timestamp</c>.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header carrying the signatures: <c>webhook-signature</c>.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>A new secret: <c>whsec_</c> and base64 of 32 random bytes.</summary>
    /// <returns>The secret.</returns>
    public static string NewSecret()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return SecretPrefix + Convert.ToBase64String(bytes);
    }

    /// <summary>The key bytes of a secret, <c>whsec_</c> (optional) and base64.</summary>
    /// <param name="secret">The secret.</param>
    /// <returns>The key bytes; null when the rest is not base64 or is empty.</returns>
    public static byte[]? KeyOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        var key = TryBase64(encoded);
        return key is { Length: > 0 } ? key : null;
    }

    /// <summary>The <c>webhook-timestamp</c> value of a time: its Unix seconds.</summary>
    /// <param name="timestamp">The time of sending.</param>
    /// <returns>The header value.</returns>
    public static string TimestampOf(DateTimeOffset timestamp) => timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The <c>webhook-signature</c> value of a message: one <c>v1,</c> signature per secret, space-separated.</summary>
    /// <param name="messageId">The <c>webhook-id</c>.</param>
    /// <param name="timestamp">The time of sending, sent as <c>webhook-timestamp</c>.</param>
    /// <param name="body">The body, exactly as sent.</param>
    /// <param name="secrets">The secrets to sign with: usually one, two during a rotation's overlap.</param>
    /// <returns>The header value.</returns>
    /// <exception cref="ArgumentException">A secret is not <c>whsec_</c> and base64.</exception>
    public static string Sign(string messageId, DateTimeOffset timestamp, string body, params IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var content = Encoding.UTF8.GetBytes($"{messageId}.{TimestampOf(timestamp)}.{body}");
        return string.Join(' ', secrets.Select(s => "v1," + Convert.ToBase64String(HMACSHA256.HashData(KeyOf(s) ?? throw new ArgumentException("The secret is not whsec_ and base64.", nameof(secrets)), content))));
    }

    /// <summary>Adds the <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature</c> headers to a request, in that order.</summary>
    /// <param name="request">The request whose content is <paramref name="body"/>.</param>
    /// <param name="messageId">The <c>webhook-id</c>.</param>
    /// <param name="timestamp">The time of sending.</param>
    /// <param name="body">The body, exactly as sent.</param>
    /// <param name="secrets">The secrets to sign with.</param>
    /// <exception cref="ArgumentException">A secret is not <c>whsec_</c> and base64.</exception>
    public static void SignRequest(HttpRequestMessage request, string messageId, DateTimeOffset timestamp, string body, params IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signature = Sign(messageId, timestamp, body, secrets);
        request.Headers.Add(IdHeader, messageId);
        request.Headers.Add(TimestampHeader, TimestampOf(timestamp));
        request.Headers.Add(SignatureHeader, signature);
    }

    /// <summary>
    /// Whether <paramref name="signatureHeader"/> holds a valid <c>v1</c> signature of the message with
    /// <paramref name="secret"/>, and the timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>
    /// (either side). Signatures are compared in constant time.
    /// </summary>
    /// <param name="secret">The secret, <c>whsec_</c> and base64.</param>
    /// <param name="messageId">The <c>webhook-id</c> header.</param>
    /// <param name="timestampHeader">The <c>webhook-timestamp</c> header.</param>
    /// <param name="body">The body, exactly as received.</param>
    /// <param name="signatureHeader">The <c>webhook-signature</c> header: space-separated signatures, any one of which may match.</param>
    /// <param name="now">The time now.</param>
    /// <param name="tolerance">How far the timestamp may be from now.</param>
    /// <returns>True when one signature verifies and the timestamp is recent.</returns>
    public static bool Verify(string secret, string messageId, string timestampHeader, string body, string signatureHeader, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(signatureHeader);
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds < -62135596800 || seconds > 253402300799
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance
            || KeyOf(secret) is not { } key)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestampHeader}.{body}"));
        foreach (var part in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("v1,", StringComparison.Ordinal) && TryBase64(part[3..]) is { } given && CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return true;
            }
        }

        return false;
    }

    internal static byte[]? TryBase64(string value)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
