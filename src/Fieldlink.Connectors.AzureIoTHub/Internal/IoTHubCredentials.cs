using System.Diagnostics.CodeAnalysis;

namespace Fieldlink.Connectors.AzureIoTHub.Internal;

/// <summary>A hub's host name and the shared access policy Fieldlink signs its tokens with.</summary>
/// <param name="HostName">The hub's host name, e.g. <c>contoso-hub.azure-devices.net</c>.</param>
/// <param name="KeyName">The policy's name, the token's <c>skn</c>.</param>
/// <param name="Key">The policy's key, base64.</param>
internal sealed record IoTHubCredentials(string HostName, string KeyName, string Key)
{
    /// <summary>Reads a service connection string: <c>HostName=…;SharedAccessKeyName=…;SharedAccessKey=…</c>, in any order.</summary>
    public static bool TryParse(string connectionString, [NotNullWhen(true)] out IoTHubCredentials? credentials, [NotNullWhen(false)] out string? problem)
    {
        credentials = null;
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Only the first '=' separates: a base64 key ends with '=' padding.
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problem = "The connection string must be name=value pairs separated by ';' (HostName=…;SharedAccessKeyName=…;SharedAccessKey=…).";
                return false;
            }

            parts[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (parts.ContainsKey("DeviceId"))
        {
            problem = "This is a device's connection string (it has DeviceId); give the connection string of a shared access policy of the hub.";
            return false;
        }

        string? hostName = parts.GetValueOrDefault("HostName"), keyName = parts.GetValueOrDefault("SharedAccessKeyName"), key = parts.GetValueOrDefault("SharedAccessKey");
        if (string.IsNullOrEmpty(hostName) || string.IsNullOrEmpty(keyName) || string.IsNullOrEmpty(key))
        {
            problem = "The connection string needs HostName, SharedAccessKeyName and SharedAccessKey.";
            return false;
        }

        problem = CheckHostName(hostName) ?? CheckKey(key);
        if (problem is not null)
        {
            return false;
        }

        credentials = new IoTHubCredentials(hostName, keyName, key);
        return true;
    }

    /// <summary>Why a host name cannot be a hub's, or null when it can.</summary>
    public static string? CheckHostName(string hostName) =>
        Uri.CheckHostName(hostName.Trim()) == UriHostNameType.Dns
            ? null
            : $"'{hostName}' is not a host name; give the hub's, e.g. contoso-hub.azure-devices.net (no https://, no path).";

    /// <summary>Why a key cannot be a policy's key (base64 of at least 16 bytes), or null when it can.</summary>
    public static string? CheckKey(string key)
    {
        var bytes = new byte[key.Length];
        return Convert.TryFromBase64String(key.Trim(), bytes, out var length) && length >= 16
            ? null
            : "The shared access key must be the policy's key as the portal shows it: base64, of at least 16 bytes.";
    }

    /// <summary>Never the key: records print themselves in logs and exceptions.</summary>
    public override string ToString() => $"{KeyName}@{HostName}";
}
