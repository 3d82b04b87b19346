using System.Text.Json.Nodes;

namespace Fieldlink.Server.Api.Providers;

/// <summary>A provider instance's connector settings as stored: a JSON object whose secret fields are never shown.</summary>
public static class InstanceSettings
{
    public static JsonObject Parse(string json) => JsonNode.Parse(json) as JsonObject ?? [];

    /// <summary>
    /// The settings without the secret fields. Names are matched regardless of case, as the connector's schema reads
    /// them: a secret stored as <c>"Password"</c> is the <c>password</c> setting, and stays hidden.
    /// </summary>
    public static JsonObject Redact(string json, IReadOnlySet<string> secretNames)
    {
        ArgumentNullException.ThrowIfNull(secretNames);
        var settings = Parse(json);
        foreach (var name in settings.Select(p => p.Key).Where(k => secretNames.Any(s => string.Equals(s, k, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            settings.Remove(name);
        }

        return settings;
    }
}
