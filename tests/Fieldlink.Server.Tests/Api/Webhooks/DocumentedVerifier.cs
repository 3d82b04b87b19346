using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fieldlink.Server.Tests.Api.Webhooks;

// The verification code docs/webhooks.md gives receivers, word for word, so the suite shows it works.
public static class FieldlinkWebhook
{
    /// <summary>True when Fieldlink signed this request with <paramref name="secret"/> (whsec_...) less than <paramref name="tolerance"/> ago.</summary>
    public static bool Verify(string secret, string id, string timestamp, string signatures, string body, TimeSpan tolerance)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
        {
            return false; // missing, or too old: a replay
        }

        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        foreach (var signature in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = signature.Split(',', 2);
            var given = new byte[expected.Length];
            if (parts.Length == 2 && parts[0] == "v1"
                && Convert.TryFromBase64String(parts[1], given, out var written) && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return true;
            }
        }

        return false;
    }
}
