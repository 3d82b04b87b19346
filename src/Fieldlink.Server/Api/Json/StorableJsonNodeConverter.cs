using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Fieldlink.Core.Validation;

namespace Fieldlink.Server.Api.Json;

/// <summary>
/// Free-form JSON a body carries (a PATCH body, settings, parameters, data) is read whole and every property name and
/// string in it held to <see cref="StorableTextConverter"/>'s rules, because the typed converters never see inside it;
/// a string that is not valid Unicode would otherwise reach the store as U+FFFD or fail a later step with a 500.
/// </summary>
public sealed class StorableJsonNodeConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert == typeof(JsonNode) || typeToConvert == typeof(JsonObject) || typeToConvert == typeof(JsonArray);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return typeToConvert == typeof(JsonObject) ? new NodeConverter<JsonObject>(JsonMetadataServices.JsonObjectConverter)
            : typeToConvert == typeof(JsonArray) ? new NodeConverter<JsonArray>(JsonMetadataServices.JsonArrayConverter)
            : new NodeConverter<JsonNode>(JsonMetadataServices.JsonNodeConverter);
    }

    /// <summary>Where in <paramref name="node"/> the first name or string that cannot be stored is, and why; null when all can.</summary>
    public static (string At, string Message)? FindProblem(JsonNode? node, string path = "")
    {
        switch (node)
        {
            case JsonObject obj:
                IEnumerable<KeyValuePair<string, JsonNode?>> properties;
                try
                {
                    properties = [.. obj];
                }
                catch (InvalidOperationException)
                {
                    // A property name that is not valid UTF-8 fails as the object is first enumerated.
                    return (path, StorableTextConverter.InvalidText);
                }

                foreach (var (name, value) in properties)
                {
                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    if (StorableValues.TextProblem(name) is { } problem)
                    {
                        return (path, $"The property name {problem}");
                    }

                    if (FindProblem(value, at) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (FindProblem(array[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                try
                {
                    return StorableValues.TextProblem(value.GetValue<string>()) is { } problem ? (path, $"The value {problem}") : null;
                }
                catch (InvalidOperationException)
                {
                    return (path, StorableTextConverter.InvalidText);
                }

            default:
                return null;
        }
    }

    private sealed class NodeConverter<T>(JsonConverter<T?> inner) : JsonConverter<T>
        where T : JsonNode
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var root = reader.CurrentDepth == 0;
            var node = inner.Read(ref reader, typeToConvert, options);
            if (FindProblem(node) is not var (at, message))
            {
                return node;
            }

            // A whole body (a PATCH) is named field by field; inside a typed body the serializer adds the path to the
            // document and the message says where inside it.
            throw root
                ? new JsonException(message, at.Length == 0 ? "$" : $"$.{at}", null, null)
                : new JsonException(at.Length == 0 ? message : $"{message[..^1]} (at '{at}').");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(value);
            value.WriteTo(writer, options);
        }
    }
}
