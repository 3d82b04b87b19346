using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Devices;

namespace Fieldlink.Server.Model;

/// <summary>
/// What the send-command form holds: a command picked from the category's definitions with an input per parameter
/// (starting at its default), or, for a device without definitions, a free name and JSON parameters. It builds the
/// command's parameters and checks them by the server's own rules (<see cref="CommandParametersCheck"/>), errors keyed
/// by the parameter's path. Not thread-safe: one per form.
/// </summary>
public sealed class CommandFormState
{
    private CommandFormState(IReadOnlyList<CommandDefinition> definitions) => Definitions = definitions;

    public IReadOnlyList<CommandDefinition> Definitions { get; }

    /// <summary>Whether the form offers definitions (else a free name and JSON).</summary>
    public bool IsDefined => Definitions.Count > 0;

    public CommandDefinition? Selected { get; private set; }

    public IReadOnlyList<CommandFormField> Fields { get; private set; } = [];

    /// <summary>The command's name in free JSON mode.</summary>
    public string FreeName { get; set; } = string.Empty;

    /// <summary>The parameters' JSON in free JSON mode; empty for none.</summary>
    public string FreeJson { get; set; } = "{}";

    /// <summary>The errors of the last <see cref="Validate"/>, by field (<c>name</c>, <c>parameters</c>, <c>parameters.Reading.Temperature</c>).</summary>
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public static CommandFormState For(IReadOnlyList<CommandDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var state = new CommandFormState(definitions);
        if (definitions.Count > 0)
        {
            state.Select(definitions[0].Name);
        }

        return state;
    }

    /// <summary>Picks the command named <paramref name="name"/> and starts its inputs at their defaults.</summary>
    public void Select(string? name)
    {
        Selected = Definitions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
        Fields = Selected is null ? [] : FieldsOf(Selected.Parameters, CommandParametersCheck.Root);
        Errors = new Dictionary<string, string>();
    }

    /// <summary>The error for <paramref name="path"/>, or null.</summary>
    public string? ErrorOf(string path) => Errors.GetValueOrDefault(path);

    /// <summary>The command's name as it will be sent.</summary>
    public string Name => IsDefined ? Selected?.Name ?? string.Empty : FreeName.Trim();

    /// <summary>The parameters as they will be sent; null when the free JSON is not an object.</summary>
    public JsonObject? Parameters()
    {
        if (IsDefined)
        {
            return Build(Fields);
        }

        if (string.IsNullOrWhiteSpace(FreeJson))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(FreeJson) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Checks the form as the server will; true when it can be sent. The errors are in <see cref="Errors"/>.</summary>
    public bool Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var parameters = Parameters();
        if (IsDefined)
        {
            if (Selected is null)
            {
                errors["name"] = "Choose a command.";
            }
            else
            {
                foreach (var (field, message) in CommandParametersCheck.Check(Selected, parameters))
                {
                    errors[field] = message;
                }
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(FreeName))
            {
                errors["name"] = "The command's name is required.";
            }

            if (parameters is null)
            {
                errors["parameters"] = "The parameters must be a JSON object, such as {\"Message\": \"On our way\"}.";
            }
        }

        Errors = errors;
        return errors.Count == 0;
    }

    private static List<CommandFormField> FieldsOf(IEnumerable<CommandParameter> parameters, string path) =>
        [.. parameters.Select(p => new CommandFormField
        {
            Parameter = p,
            Path = $"{path}.{p.Name}",
            Text = p.Type is ParameterType.Boolean or ParameterType.Object || p.Default is null
                ? string.Empty
                : p.Default.GetValueKind() == JsonValueKind.String ? p.Default.GetValue<string>() : p.Default.ToJsonString(),
            Flag = p.Type == ParameterType.Boolean && p.Default is { } d ? d.GetValueKind() switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null } : null,
            Children = p.Type == ParameterType.Object ? FieldsOf(p.Parameters, $"{path}.{p.Name}") : [],
        })];

    /// <summary>
    /// The JSON of the inputs: numbers typed as numbers go as JSON numbers, anything else typed as text (so the check
    /// names "abc" for a whole number); an empty input is left out, as is an object none of whose inputs is filled
    /// unless it is required.
    /// </summary>
    private static JsonObject Build(IEnumerable<CommandFormField> fields)
    {
        var json = new JsonObject();
        foreach (var field in fields)
        {
            var p = field.Parameter;
            JsonNode? value = p.Type switch
            {
                ParameterType.Object => ObjectOf(field),
                ParameterType.Boolean => field.Flag is { } flag ? JsonValue.Create(flag) : null,
                _ when string.IsNullOrWhiteSpace(field.Text) => null,
                ParameterType.WholeNumber => long.TryParse(field.Text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? JsonValue.Create(l) : JsonValue.Create(field.Text.Trim()),
                ParameterType.DecimalNumber => decimal.TryParse(field.Text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : JsonValue.Create(field.Text.Trim()),
                ParameterType.DateTime => JsonValue.Create(field.Text.Trim()),
                _ => JsonValue.Create(field.Text),
            };
            if (value is not null)
            {
                json[p.Name] = value;
            }
        }

        return json;
    }

    private static JsonObject? ObjectOf(CommandFormField field)
    {
        var children = Build(field.Children);
        return children.Count > 0 || field.Parameter.Required ? children : null;
    }
}
