using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Fieldlink.Connectors.AzureIoTHub.Internal;

/// <summary>
/// IoT Hub's security token, as its documentation ("Control access to IoT Hub with shared access signatures") makes
/// it: <c>SharedAccessSignature sr={URL-encoded resource URI}&amp;sig={URL-encoded base64 HMAC-SHA256}&amp;se={expiry}&amp;skn={policy}</c>,
/// where the signature is of "{URL-encoded resource URI}\n{expiry}" keyed with the base64-decoded policy key and the
/// expiry is in seconds since the Unix epoch.
/// </summary>
internal static class SharedAccessSignature
{
    /// <summary>Makes a token for <paramref name="resourceUri"/> (for the service API, the hub's host name) valid until <paramref name="expiresAt"/>.</summary>
    public static string Create(string resourceUri, string keyName, string key, DateTimeOffset expiresAt)
    {
        var encodedUri = WebUtility.UrlEncode(resourceUri);
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(key), Encoding.UTF8.GetBytes($"{encodedUri}\n{expiry}")));
        return $"SharedAccessSignature sr={encodedUri}&sig={WebUtility.UrlEncode(signature)}&se={expiry}&skn={WebUtility.UrlEncode(keyName)}";
    }
}
