using System.Security.Cryptography;
using System.Text;

namespace Fieldlink.Sdk;

/// <summary>
/// The plain scheme many vendors use instead of <see cref="StandardWebhookSignature"/>: one header with the
/// HMAC-SHA256 of the raw body, keyed with the secret's UTF-8 bytes. Thread-safe.
/// </summary>
public static class BodyHmacSignature
{
    /// <summary>The header value for a body: <c>sha256=</c> and the lowercase hex HMAC-SHA256.</summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="body">The body, exactly as sent.</param>
    /// <returns>The header value.</returns>
    public static string Sign(string secret, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
    }

    /// <summary>
    /// Whether <paramref name="headerValue"/> is the HMAC-SHA256 of <paramref name="body"/>, hex or base64, optionally
    /// after <c>sha256=</c>; compared in constant time.
    /// </summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="body">The body, exactly as received.</param>
    /// <param name="headerValue">The header's value.</param>
    /// <returns>True when it matches.</returns>
    public static bool Verify(string secret, byte[] body, string headerValue)
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

        given ??= StandardWebhookSignature.TryBase64(value);
        return given is not null && CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
