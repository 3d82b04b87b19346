using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Connectors;

/// <summary>
/// Reads a connector's settings class: its schema for the API, and a provider instance's JSON settings into an
/// object of it, checked with its data annotations. Errors name the field as <c>settings.&lt;name&gt;</c>.
/// </summary>
public static class ConnectorSettingsSchema
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public static IReadOnlyList<ConnectorSetting> Describe(Type settingsType)
    {
        ArgumentNullException.ThrowIfNull(settingsType);
        var defaults = Activator.CreateInstance(settingsType);
        return [.. Properties(settingsType).Select(p => new ConnectorSetting(
            JsonNamingPolicy.CamelCase.ConvertName(p.Name),
            TypeOf(p.PropertyType),
            p.GetCustomAttribute<RequiredAttribute>() is not null,
            p.GetCustomAttribute<SecretAttribute>() is not null,
            JsonSerializer.SerializeToNode(p.GetValue(defaults), p.PropertyType, Json),
            p.GetCustomAttribute<DescriptionAttribute>()?.Description,
            ChoicesOf(p.PropertyType),
            IsUrl(p),
            p.GetCustomAttribute<DataTypeAttribute>()?.DataType == DataType.MultilineText))];
    }

    /// <summary>The names of the settings marked <see cref="SecretAttribute"/>.</summary>
    public static IReadOnlySet<string> SecretNames(Type settingsType) =>
        Describe(settingsType).Where(s => s.Secret).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="settings"/> into a new object of <paramref name="settingsType"/>; null with errors when it does not fit.</summary>
    public static object? Bind(Type settingsType, JsonObject settings, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(settingsType);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        object? value;
        try
        {
            value = settings.Deserialize(settingsType, Json);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? "settings." + path[2..] : "settings";
            errors[field] = [$"The setting does not fit: {Shorten(ex.Message)}"];
            return null;
        }

        if (value is null)
        {
            errors["settings"] = ["The settings must be a JSON object."];
            return null;
        }

        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            return value;
        }

        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(string.Empty))
            {
                var field = member.Length == 0 ? "settings" : "settings." + JsonNamingPolicy.CamelCase.ConvertName(member);
                errors[field] = [.. errors.GetValueOrDefault(field, []), result.ErrorMessage ?? "The setting is not valid."];
            }
        }

        return null;
    }

    /// <summary>
    /// The settings of bound <paramref name="settings"/> that are URLs Fieldlink or the connector may call: those typed
    /// <see cref="Uri"/>, and strings marked <see cref="UrlAttribute"/>; by their API name, with their value when set.
    /// </summary>
    public static IEnumerable<(string Name, Uri Url)> Urls(object settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var property in Properties(settings.GetType()))
        {
            var value = property.GetValue(settings) switch
            {
                Uri uri => uri.IsAbsoluteUri ? uri : null,
                string text when property.GetCustomAttribute<UrlAttribute>() is not null && Uri.TryCreate(text, UriKind.Absolute, out var parsed) => parsed,
                _ => null,
            };
            if (value is not null)
            {
                yield return (JsonNamingPolicy.CamelCase.ConvertName(property.Name), value);
            }
        }
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite);

    private static string[]? ChoicesOf(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } enumType ? Enum.GetNames(enumType) : null;

    private static bool IsUrl(PropertyInfo property) =>
        (Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) == typeof(Uri)
        || property.GetCustomAttribute<UrlAttribute>() is not null;

    private static ConnectorSettingType TypeOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(bool) => ConnectorSettingType.Boolean,
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => ConnectorSettingType.Integer,
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => ConnectorSettingType.Number,
            _ when type == typeof(string) || type.IsEnum || type == typeof(Uri) || type == typeof(TimeSpan) => ConnectorSettingType.String,
            _ => ConnectorSettingType.Object,
        };
    }

    private static string Shorten(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
