using System.Globalization;
using System.Text.Json.Nodes;
using Fieldlink.Core.Connectors;

namespace Fieldlink.Server.Model;

/// <summary>
/// One connector setting on a provider instance's form: the input its schema calls for, its label and help (the
/// schema's description and default), what the person has typed, and the error the save found on it. A secret holds
/// only what the person typed after choosing to replace it; the stored secret never reaches the form.
/// </summary>
public sealed class InstanceSettingField
{
    private static readonly Dictionary<string, string> Acronyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ca"] = "CA", ["id"] = "ID", ["mqtt"] = "MQTT", ["qos"] = "QoS", ["tls"] = "TLS", ["url"] = "URL", ["http"] = "HTTP",
    };

    internal InstanceSettingField(ConnectorSetting setting, JsonNode? shown, bool secretSet)
    {
        Setting = setting;
        Input = InputOf(setting);
        SecretSet = secretSet;
        if (Input != SettingInput.Secret)
        {
            Show(shown ?? setting.Default);
        }
    }

    /// <summary>What the connector's schema says of the setting.</summary>
    public ConnectorSetting Setting { get; }

    /// <summary>The setting's JSON name: what the API, the docs and the field errors (<c>settings.&lt;name&gt;</c>) call it.</summary>
    public string Name => Setting.Name;

    public SettingInput Input { get; }

    /// <summary>The name in words: <c>reconnectMinDelayMilliseconds</c> reads "Reconnect min delay milliseconds".</summary>
    public string Label => Words(Setting.Name) + (Setting.Required ? " *" : string.Empty);

    /// <summary>The description, and the default when there is one, under the input.</summary>
    public string Help => DefaultText is { } value ? $"{Setting.Description} Default: {value}." : Setting.Description ?? string.Empty;

    /// <summary>The default as a person reads it, or null when the setting has none.</summary>
    public string? DefaultText => Setting.Default switch
    {
        null => null,
        JsonValue value when value.TryGetValue<bool>(out var on) => on ? "on" : "off",
        JsonValue value when value.TryGetValue<string>(out var text) => text.Length == 0 ? "empty" : text,
        var node => node.ToJsonString(),
    };

    /// <summary>The text typed (text, URL, choice, JSON, and a secret being replaced).</summary>
    public string? Text { get; set; }

    /// <summary>The number typed (integer and number inputs).</summary>
    public decimal? Number { get; set; }

    /// <summary>The switch's position.</summary>
    public bool On { get; set; }

    /// <summary>For a secret: whether the instance has one stored.</summary>
    public bool SecretSet { get; }

    /// <summary>For a secret: whether the person chose to replace it, which shows an empty input.</summary>
    public bool Replacing { get; private set; }

    /// <summary>What the last save found wrong with this setting, or null.</summary>
    public string? Error { get; set; }

    /// <summary>Shows an empty input for a new secret; what is typed replaces the stored one on save.</summary>
    public void Replace()
    {
        Replacing = true;
        Text = null;
    }

    /// <summary>Keeps the stored secret after all: nothing typed is sent.</summary>
    public void Keep()
    {
        Replacing = false;
        Text = null;
        Error = null;
    }

    /// <summary>
    /// The value to store, or null to leave the setting out (so its default applies): an empty input, or a value equal
    /// to the default. Text that does not parse as the input's type is sent as typed, so the connector's schema says
    /// what is wrong with it, on this field.
    /// </summary>
    internal JsonNode? ToJson()
    {
        JsonNode? value = Input switch
        {
            SettingInput.Switch => JsonValue.Create(On),
            SettingInput.WholeNumber or SettingInput.Number => Number is { } n
                ? (Input == SettingInput.WholeNumber && n == decimal.Truncate(n) && n is >= long.MinValue and <= long.MaxValue ? JsonValue.Create((long)n) : JsonValue.Create(n))
                : null,
            SettingInput.Json => string.IsNullOrWhiteSpace(Text) ? null : ParseOrText(Text),
            _ => string.IsNullOrWhiteSpace(Text) ? null : JsonValue.Create(Text.Trim()),
        };
        return value is null || JsonNode.DeepEquals(value, Setting.Default) ? null : value;
    }

    private void Show(JsonNode? value)
    {
        switch (Input)
        {
            case SettingInput.Switch:
                On = value is JsonValue v && v.TryGetValue<bool>(out var on) && on;
                break;
            case SettingInput.WholeNumber or SettingInput.Number:
                // A stored number may be held as an int, a long or a double: read it from its JSON text.
                Number = value is JsonValue n && n.GetValueKind() == System.Text.Json.JsonValueKind.Number
                    && decimal.TryParse(n.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
                break;
            case SettingInput.Json:
                Text = value?.ToJsonString();
                break;
            default:
                Text = value is JsonValue s && s.TryGetValue<string>(out var text) ? text : value?.ToJsonString();
                break;
        }
    }

    private static SettingInput InputOf(ConnectorSetting setting) => setting switch
    {
        { Secret: true } => SettingInput.Secret,
        { Choices.Count: > 0 } => SettingInput.Choice,
        { Url: true } => SettingInput.Url,
        { Type: ConnectorSettingType.Boolean } => SettingInput.Switch,
        { Type: ConnectorSettingType.Integer } => SettingInput.WholeNumber,
        { Type: ConnectorSettingType.Number } => SettingInput.Number,
        { Type: ConnectorSettingType.Object } => SettingInput.Json,
        _ => SettingInput.Text,
    };

    private static JsonNode ParseOrText(string text)
    {
        try
        {
            return JsonNode.Parse(text) ?? JsonValue.Create(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static string Words(string name)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            if (i == name.Length || char.IsUpper(name[i]))
            {
                words.Add(name[start..i].ToLowerInvariant());
                start = i;
            }
        }

        var text = string.Join(' ', words.Select(w => Acronyms.GetValueOrDefault(w, w)));
        return text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];
    }
}
