using System.Text.Json.Nodes;
using Fieldlink.Core.Connectors;

namespace Fieldlink.Server.Model;

/// <summary>
/// A provider instance's connector settings as a form, generated from the connector's settings schema: one
/// <see cref="InstanceSettingField"/> per setting, in the schema's order. It is filled from the settings as the API
/// shows them (secrets left out) and the names of the secrets the instance has, so a secret is never on the form; on
/// save it starts from the stored settings (<c>ToWrite(entity)</c>, secrets included) and changes only what the form
/// holds, so a secret nobody replaced is kept as it is.
/// </summary>
public sealed class InstanceSettingsForm
{
    private InstanceSettingsForm(IReadOnlyList<InstanceSettingField> fields) => Fields = fields;

    public IReadOnlyList<InstanceSettingField> Fields { get; }

    /// <summary>An error of the settings as a whole (not of one setting), or null.</summary>
    public string? Error { get; private set; }

    /// <summary>
    /// The form of <paramref name="connector"/>'s settings: with the values of <paramref name="shown"/> (the instance's
    /// settings without its secrets; null for a new instance, whose fields start at their defaults), and each secret
    /// "set" when its name is in <paramref name="secretsSet"/>. No connector (not installed) makes a form without fields,
    /// which keeps the stored settings unchanged.
    /// </summary>
    public static InstanceSettingsForm For(ConnectorDescriptor? connector, JsonObject? shown, IReadOnlySet<string> secretsSet)
    {
        ArgumentNullException.ThrowIfNull(secretsSet);
        return new([.. (connector?.Settings ?? []).Select(s => new InstanceSettingField(s, Find(shown, s.Name), secretsSet.Contains(s.Name)))]);
    }

    /// <summary>
    /// The settings to save: <paramref name="stored"/> (the instance's, secrets included; empty for a new one) with each
    /// field's value, a setting left empty or at its default taken out, and a secret changed only when it is being
    /// replaced (an empty replacement removes it).
    /// </summary>
    public JsonObject ToSettings(JsonObject? stored)
    {
        var settings = stored?.DeepClone().AsObject() ?? [];
        foreach (var field in Fields)
        {
            if (field.Input == SettingInput.Secret)
            {
                if (field.Replacing)
                {
                    Put(settings, field.Name, string.IsNullOrEmpty(field.Text) ? null : JsonValue.Create(field.Text));
                }

                continue;
            }

            Put(settings, field.Name, field.ToJson());
        }

        return settings;
    }

    /// <summary>
    /// Puts each error of a save on its field (<c>settings.&lt;name&gt;</c>) or on the form (<c>settings</c>), clearing
    /// those of the save before, and answers the errors that are not of the settings (the instance's own fields).
    /// </summary>
    public IReadOnlyDictionary<string, string[]> ShowErrors(IReadOnlyDictionary<string, string[]>? errors)
    {
        Error = null;
        foreach (var field in Fields)
        {
            field.Error = null;
        }

        var rest = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, messages) in errors ?? new Dictionary<string, string[]>())
        {
            if (name == "settings")
            {
                Error = string.Join(' ', messages);
            }
            else if (name.StartsWith("settings.", StringComparison.Ordinal)
                && Fields.FirstOrDefault(f => string.Equals(f.Name, name["settings.".Length..], StringComparison.OrdinalIgnoreCase)) is { } field)
            {
                field.Error = string.Join(' ', messages);
            }
            else if (name.StartsWith("settings.", StringComparison.Ordinal))
            {
                // A setting the schema does not have (the stored settings of an older connector): said above the form.
                Error = string.Join(' ', [.. Error is null ? [] : new[] { Error }, $"{name["settings.".Length..]}: {string.Join(' ', messages)}"]);
            }
            else
            {
                rest[name] = messages;
            }
        }

        return rest;
    }

    /// <summary>Sets or removes one setting; the schema reads names regardless of case, so a stored "Host" is the same setting as "host".</summary>
    private static void Put(JsonObject settings, string name, JsonNode? value)
    {
        foreach (var key in settings.Select(p => p.Key).Where(k => k != name && string.Equals(k, name, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            settings.Remove(key);
        }

        if (value is null)
        {
            settings.Remove(name);
        }
        else
        {
            // Set in place: a setting keeps its position, so the stored JSON changes no more than the values do.
            settings[name] = value;
        }
    }

    private static JsonNode? Find(JsonObject? settings, string name) =>
        settings?.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
