using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fieldlink.Core.Validation;

namespace Fieldlink.Server.Api.Json;

/// <summary>
/// Free-form JSON a body carries (a PATCH body, settings, parameters, data) is read whole and every property name and
/// string in it held to <see cref="StorableTextConverter"/>'s rules, every number to be finite, and no object may name a property twice, because
/// the typed converters never see inside it: a string that is not valid Unicode would otherwise reach the store as
/// U+FFFD, and a repeated key fail the node's dictionary with a 500. It may nest at most <see cref="MaxNesting"/>
/// levels, so that it can be answered back inside a response's own objects within the writer's depth limit (64).
/// </summary>
public sealed class StorableJsonNodeConverter : JsonConverterFactory
{
    /// <summary>How deep free-form JSON may nest: <see cref="StorableValues.MaxJsonNesting"/>, the rule of every door.</summary>
    public const int MaxNesting = StorableValues.MaxJsonNesting;

    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert == typeof(JsonNode) || typeToConvert == typeof(JsonObject) || typeToConvert == typeof(JsonArray);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return typeToConvert == typeof(JsonObject) ? new NodeConverter<JsonObject>()
            : typeToConvert == typeof(JsonArray) ? new NodeConverter<JsonArray>()
            : new NodeConverter<JsonNode>();
    }

    /// <summary>
    /// Where in <paramref name="element"/> the first name or string that cannot be stored is, or the first name an
    /// object repeats (by <paramref name="names"/>, the comparer its node will use), and why; null when all is well.
    /// </summary>
    public static (string At, string Message)? FindProblem(JsonElement element, StringComparer names, string path = "", int depth = 0)
    {
        if (depth > MaxNesting && element.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            return (path, $"The JSON may nest at most {MaxNesting} levels deep.");
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(names);
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return (path, "A property name must be valid UTF-8 text.");
                    }

                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    if (StorableValues.TextProblem(name) is { } problem)
                    {
                        return (path, $"A property name {problem}");
                    }

                    if (!seen.Add(name))
                    {
                        return (at, "The field is given more than once.");
                    }

                    if (FindProblem(property.Value, names, at, depth + 1) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindProblem(item, names, $"{path}[{i++}]", depth + 1) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.String:
                try
                {
                    return StorableValues.TextProblem(element.GetString()) is { } problem ? (path, $"The value {problem}") : null;
                }
                catch (InvalidOperationException)
                {
                    return (path, StorableTextConverter.InvalidText);
                }

            case JsonValueKind.Number:
                return element.TryGetDouble(out var number) && StorableValues.NumberProblem(number) is null ? null : (path, "The value must be a finite number.");
            default:
                return null;
        }
    }

    private sealed class NodeConverter<T> : JsonConverter<T>
        where T : JsonNode
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var root = reader.CurrentDepth == 0;

            // A document keeps strings as UTF-8 until asked, so a bad one can be found and named before any node is made.
            using var document = JsonDocument.ParseValue(ref reader);
            ArgumentNullException.ThrowIfNull(options);
            var caseInsensitive = options.PropertyNameCaseInsensitive;
            if (FindProblem(document.RootElement, caseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal) is var (at, message))
            {
                // A whole body (a PATCH) is named field by field; inside a typed body the serializer adds the path to
                // the document and the message says where inside it.
                throw root
                    ? new JsonException(message, at.Length == 0 ? "$" : $"$.{at}", null, null)
                    : new JsonException(at.Length == 0 ? message : $"{message[..^1]} (at '{at}').");
            }

            // The node looks names up as the serializer's own node converter would (case-insensitively on the web defaults).
            return JsonNode.Parse(document.RootElement.GetRawText(), new JsonNodeOptions { PropertyNameCaseInsensitive = caseInsensitive }) as T
                ?? throw new JsonException($"The JSON value could not be converted to {typeof(T).Name}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(value);
            value.WriteTo(writer, options);
        }
    }
}
