using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Providers;
using Fieldlink.Server.Api.Problems;

namespace Fieldlink.Server.Api.Providers;

/// <summary>A provider instance's connector settings: checked against the connector's schema, secrets kept write-only.</summary>
public static class InstanceSettings
{
    public static JsonObject Parse(string json) => JsonNode.Parse(json) as JsonObject ?? [];

    /// <summary>The settings without the secret fields.</summary>
    public static JsonObject Redact(string json, IReadOnlySet<string> secretNames)
    {
        ArgumentNullException.ThrowIfNull(secretNames);
        var settings = Parse(json);
        foreach (var name in settings.Select(p => p.Key).Where(secretNames.Contains).ToList())
        {
            settings.Remove(name);
        }

        return settings;
    }

    /// <summary>Checks required fields and JSON types against the connector's schema, naming each field <c>settings.&lt;name&gt;</c>.</summary>
    public static void Validate(JsonObject settings, ConnectorDescriptor? connector, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        if (connector is null)
        {
            return;
        }

        foreach (var setting in connector.Settings)
        {
            var field = $"settings.{setting.Name}";
            if (settings[setting.Name] is not { } value)
            {
                if (setting.Required)
                {
                    errors.Add(field, $"The {connector.DisplayName} connector needs the setting '{setting.Name}'.");
                }

                continue;
            }

            if (!Fits(value, setting.Type))
            {
                errors.Add(field, $"The setting '{setting.Name}' must be of type {setting.Type}.");
            }
        }
    }

    private static bool Fits(JsonNode value, ConnectorSettingType type) => (type, value.GetValueKind()) switch
    {
        (ConnectorSettingType.String, JsonValueKind.String) => true,
        (ConnectorSettingType.Boolean, JsonValueKind.True or JsonValueKind.False) => true,
        (ConnectorSettingType.Number, JsonValueKind.Number) => true,
        (ConnectorSettingType.Integer, JsonValueKind.Number) => value.AsValue().TryGetValue<long>(out _),
        (ConnectorSettingType.Object, JsonValueKind.Object) => true,
        _ => false,
    };
}
