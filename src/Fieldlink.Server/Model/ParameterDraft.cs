using System.Globalization;
using System.Text.Json.Nodes;
using Fieldlink.Core.Devices;
using Fieldlink.Server.Api.Devices;

namespace Fieldlink.Server.Model;

/// <summary>
/// A command parameter as the category form edits it. Its default is typed as text and becomes the JSON value of the
/// parameter's type (a number, true or false, a string); text that is not one stays a string, which the resource's
/// check then refuses on the <c>default</c> field. An Object parameter's child parameters are kept as they are: the form
/// shows how many there are, the API edits them.
/// </summary>
public sealed class ParameterDraft
{
    public string? Name { get; set; }

    public ParameterType Type { get; set; } = ParameterType.String;

    public string? Unit { get; set; }

    public bool Required { get; set; }

    /// <summary>Whether a sender may choose the value; when not, the default is the only value allowed.</summary>
    public bool Editable { get; set; } = true;

    public bool Visible { get; set; } = true;

    /// <summary>The default as typed; empty for none.</summary>
    public string? DefaultText { get; set; }

    /// <summary>The child parameters of an Object parameter, as read.</summary>
    public IReadOnlyList<CommandParameterWrite?> Children { get; private set; } = [];

    public static ParameterDraft From(CommandParameterWrite parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return new()
        {
            Name = parameter.Name,
            Type = parameter.Type ?? ParameterType.String,
            Unit = parameter.Unit,
            Required = parameter.Required ?? false,
            Editable = parameter.Editable ?? true,
            Visible = parameter.Visible ?? true,
            DefaultText = Text(parameter.Default),
            Children = parameter.Parameters ?? [],
        };
    }

    public CommandParameterWrite ToWrite() => new(
        Name, Type, Unit, Required, Editable, Visible, Value(DefaultText, Type), Type == ParameterType.Object ? Children : null);

    /// <summary>The text a default is shown as: a string as it is, any other value as its JSON.</summary>
    public static string? Text(JsonNode? value) =>
        value is null ? null : value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString();

    /// <summary>The JSON value of <paramref name="text"/> for a parameter of <paramref name="type"/>; null when empty.</summary>
    public static JsonNode? Value(string? text, ParameterType type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        return type switch
        {
            ParameterType.WholeNumber when long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            ParameterType.DecimalNumber when decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            ParameterType.Boolean when bool.TryParse(trimmed, out var flag) => JsonValue.Create(flag),
            ParameterType.String => JsonValue.Create(text),
            _ => JsonValue.Create(trimmed),
        };
    }
}
