using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fieldlink.Core.Webhooks;

/// <summary>
/// Standard Webhooks secrets and signatures: a secret is <c>whsec_</c> and base64 of 32 random bytes; a signature is
/// <c>v1,</c> and base64 of HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c> keyed with the secret's bytes.
/// </summary>
public static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return SecretPrefix + Convert.ToBase64String(bytes);
    }

    /// <summary>The key bytes of a <c>whsec_</c> secret (the prefix is optional); null when it is not base64.</summary>
    public static byte[]? KeyOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            var key = Convert.FromBase64String(encoded);
            return key.Length == 0 ? null : key;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The <c>webhook-signature</c> value: one <c>v1,</c> signature per secret, space-separated.</summary>
    public static string Sign(string messageId, DateTimeOffset timestamp, string body, params IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var content = Encoding.UTF8.GetBytes($"{messageId}.{timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}.{body}");
        return string.Join(' ', secrets.Select(s => "v1," + Convert.ToBase64String(HMACSHA256.HashData(KeyOf(s) ?? throw new ArgumentException("The secret is not whsec_ and base64.", nameof(secrets)), content))));
    }

    /// <summary>
    /// Whether <paramref name="signatureHeader"/> holds a valid <c>v1</c> signature of the message with
    /// <paramref name="secret"/>, and the timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// </summary>
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

    /// <summary>Hex or base64 HMAC-SHA256 of <paramref name="body"/> keyed with <paramref name="secret"/>'s UTF-8 bytes, compared in constant time.</summary>
    public static bool VerifyBodyHmac(string secret, byte[] body, string headerValue)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(headerValue);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        var value = headerValue.Trim();
        if (value.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
        {
            value = value[7..];
        }

        byte[]? given = null;
        if (value.Length == 64)
        {
            try
            {
                given = Convert.FromHexString(value);
            }
            catch (FormatException)
            {
                given = null;
            }
        }

        given ??= TryBase64(value);
        return given is not null && CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static byte[]? TryBase64(string value)
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
