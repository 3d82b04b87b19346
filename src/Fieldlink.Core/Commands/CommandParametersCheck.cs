using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fieldlink.Core.Devices;

namespace Fieldlink.Core.Commands;

/// <summary>
/// Checks a command's parameters against its definition: every required parameter given, every value of its type,
/// no parameter the definition does not know, a non-editable parameter only at its default. Each error is keyed by
/// the parameter's path (<c>parameters.Reading.Temperature</c>), the same for the API's 400 and the send-command form.
/// Pure and thread-safe.
/// </summary>
public static partial class CommandParametersCheck
{
    /// <summary>The field the errors are keyed under: the request's <c>parameters</c> object.</summary>
    public const string Root = "parameters";

    /// <summary>What is wrong with <paramref name="parameters"/> for <paramref name="definition"/>, by field; empty when nothing is.</summary>
    public static IReadOnlyDictionary<string, string> Check(CommandDefinition definition, JsonObject? parameters)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        CheckObject(definition.Parameters, parameters ?? [], Root, definition.Name, errors);
        return errors;
    }

    /// <summary>Why <paramref name="value"/> is not a value of <paramref name="type"/>, or null when it is (a null value is always "of" the type: see Required).</summary>
    public static string? TypeError(ParameterType type, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        return type switch
        {
            ParameterType.String => value.GetValueKind() == JsonValueKind.String ? null : "Must be text (a JSON string).",
            ParameterType.Object => value is JsonObject ? null : "Must be an object.",
            ParameterType.Boolean => AsBoolean(value) is null ? "Must be true or false." : null,
            ParameterType.WholeNumber => AsWholeNumber(value) is null ? "Must be a whole number, such as 30." : null,
            ParameterType.DecimalNumber => AsDecimal(value) is null ? "Must be a number, such as 21.5." : null,
            ParameterType.DateTime => AsDateTime(value) is null ? "Must be an ISO 8601 date or date and time, such as 2026-11-30 or 2026-11-30T09:00:00Z." : null,
            _ => "Has an unknown type.",
        };
    }

    private static void CheckObject(IReadOnlyList<CommandParameter> definitions, JsonObject given, string path, string command, Dictionary<string, string> errors)
    {
        var known = definitions.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            if (!known.ContainsKey(name))
            {
                errors[$"{path}.{name}"] = $"'{command}' has no parameter '{name}'{Expected(definitions)}.";
            }
        }

        foreach (var definition in definitions)
        {
            var field = $"{path}.{definition.Name}";
            var value = given.TryGetPropertyValue(definition.Name, out var v) ? v : null;
            if (value is null)
            {
                if (definition.Required)
                {
                    errors[field] = $"'{definition.Name}' is required.";
                }

                continue;
            }

            if (TypeError(definition.Type, value) is { } wrong)
            {
                errors[field] = $"'{definition.Name}': {wrong}";
                continue;
            }

            if (!definition.Editable && definition.Default is not null && !SameValue(definition.Type, value, definition.Default))
            {
                errors[field] = $"'{definition.Name}' cannot be changed; it is always {definition.Default.ToJsonString()}.";
                continue;
            }

            if (definition.Type == ParameterType.Object)
            {
                CheckObject(definition.Parameters, (JsonObject)value, field, command, errors);
            }
        }
    }

    private static string Expected(IReadOnlyList<CommandParameter> definitions) =>
        definitions.Count == 0 ? " (it takes none)" : $" (it takes {string.Join(", ", definitions.Select(d => $"'{d.Name}'"))})";

    /// <summary>Whether two values of a type are the same value: "30" and 30 are the same whole number.</summary>
    public static bool SameValue(ParameterType type, JsonNode? a, JsonNode? b) => type switch
    {
        _ when a is null || b is null => a is null && b is null,
        ParameterType.Boolean => AsBoolean(a) is { } x && x == AsBoolean(b),
        ParameterType.WholeNumber => AsWholeNumber(a) is { } x && x == AsWholeNumber(b),
        ParameterType.DecimalNumber => AsDecimal(a) is { } x && x == AsDecimal(b),
        ParameterType.DateTime => AsDateTime(a) is { } x && x == AsDateTime(b),
        _ => JsonNode.DeepEquals(a, b),
    };

    private static bool? AsBoolean(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => bool.TryParse(value.GetValue<string>(), out var b) ? b : null,
        _ => null,
    };

    private static long? AsWholeNumber(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Number => decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue ? (long)d : null,
        JsonValueKind.String => long.TryParse(value.GetValue<string>().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null,
        _ => null,
    };

    private static decimal? AsDecimal(JsonNode value)
    {
        var text = value.GetValueKind() switch
        {
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.String => value.GetValue<string>().Trim(),
            _ => null,
        };
        return text is not null && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    private static DateTimeOffset? AsDateTime(JsonNode value)
    {
        if (value.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetValue<string>().Trim();
        return IsoDateTime().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IsoDateTime();
}
