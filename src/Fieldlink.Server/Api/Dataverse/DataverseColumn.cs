using System.Text.Json.Nodes;
using Microsoft.OData.Edm;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// One column of a table as the reference names and types it, and the Fieldlink field it shows: read from the
/// record's <c>/api/v1</c> JSON, written back through that same JSON (so the <c>/api/v1</c> validation applies), and
/// filtered on the stored property of the same name.
/// </summary>
public sealed class DataverseColumn
{
    public DataverseColumn(string name, EdmPrimitiveTypeKind type, string? field)
    {
        Name = name;
        Type = type;
        Field = field;
    }

    /// <summary>The column's logical name, e.g. <c>msdyn_alerttype</c>.</summary>
    public string Name { get; }

    public EdmPrimitiveTypeKind Type { get; }

    /// <summary>The Fieldlink field (camelCase, as /api/v1 spells it), or null for a column Fieldlink does not keep.</summary>
    public string? Field { get; }

    /// <summary>The stored property $filter and $orderby use; null for the field's own name in PascalCase, empty when the column cannot be filtered.</summary>
    public string? Property { get; init; }

    /// <summary>The option set's values, when the column is one.</summary>
    public IReadOnlyList<DataverseOption>? Options { get; init; }

    /// <summary>Whether a create or an update may set the column.</summary>
    public bool Writable { get; init; }

    /// <summary>A JSON document kept as text in the reference (alert data, reported properties).</summary>
    public bool JsonText { get; init; }

    /// <summary>The stored property's name, or null when the column cannot be filtered or ordered on.</summary>
    public string? StoredProperty => Property is { Length: 0 } || Field is null ? null : Property ?? char.ToUpperInvariant(Field[0]) + Field[1..];

    /// <summary>The column's value from the record's /api/v1 JSON.</summary>
    public JsonNode? Read(JsonObject fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (Field is null || fields[Field] is not { } value)
        {
            return null;
        }

        if (Options is not null)
        {
            var member = value.ToJsonString().Trim('"');
            return Options.FirstOrDefault(o => string.Equals(o.Member, member, StringComparison.Ordinal)) is { } option ? Node(option.Value) : null;
        }

        return JsonText ? JsonValue.Create(value.ToJsonString()) : value.DeepClone();
    }

    private static JsonValue Node(object value) => value is bool flag ? JsonValue.Create(flag) : JsonValue.Create(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The label of an option-set value, for the formatted-value annotation.</summary>
    public string? Label(JsonNode? value) =>
        Options is null || value is null ? null : Options.FirstOrDefault(o => o.Value.ToString() == value.ToJsonString().Trim('"') || string.Equals(o.Value.ToString(), value.ToString(), StringComparison.OrdinalIgnoreCase))?.Label;

    /// <summary>The Fieldlink field's value for a written column value, or an error message naming the allowed values.</summary>
    public (JsonNode? Value, string? Error) Write(JsonNode? value)
    {
        if (value is null)
        {
            return (null, null);
        }

        if (Options is not null)
        {
            var text = value.ToJsonString().Trim('"');
            var option = Options.FirstOrDefault(o => o.Writes && string.Equals(o.Value.ToString(), text, StringComparison.OrdinalIgnoreCase));
            return option is null
                ? (null, $"'{text}' is not a valid value of {Name}; the values are {string.Join(", ", Options.Where(o => o.Writes).Select(o => $"{o.Value} ({o.Label})"))}.")
                : (option.Member is "true" or "false" ? JsonValue.Create(option.Member == "true") : JsonValue.Create(option.Member), null);
        }

        if (JsonText)
        {
            if (value is not JsonValue text || !text.TryGetValue<string>(out var json))
            {
                return (null, $"{Name} is a text column holding JSON.");
            }

            try
            {
                return (JsonNode.Parse(json), null);
            }
            catch (System.Text.Json.JsonException)
            {
                return (null, $"{Name} must hold a JSON document.");
            }
        }

        return (value.DeepClone(), null);
    }
}
