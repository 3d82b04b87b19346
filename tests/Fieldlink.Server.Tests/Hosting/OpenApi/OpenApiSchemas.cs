using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fieldlink.Server.Tests.Hosting.OpenApi;

/// <summary>The server's OpenAPI document read as JSON: its operations, their schemas, and answers checked against them.</summary>
public sealed class OpenApiSchemas(JsonObject document)
{
    public const string ProblemContentType = "application/problem+json";

    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public JsonObject Document { get; } = document;

    /// <summary>Every operation: its path, method, the operation and the path item (which may hold shared parameters).</summary>
    public IEnumerable<(string Path, string Method, JsonObject Operation, JsonObject PathItem)> Operations() =>
        from path in Document["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        where Methods.Contains(method.Key)
        select (path.Key, method.Key, method.Value!.AsObject(), path.Value!.AsObject());

    /// <summary>The operation's parameters and its path item's, each resolved.</summary>
    public IEnumerable<JsonObject> Parameters(JsonObject operation, JsonObject pathItem) =>
        ((operation["parameters"] as JsonArray) ?? []).Concat((pathItem["parameters"] as JsonArray) ?? []).Select(p => Resolve(p!));

    /// <summary>The schema of the success answer of <paramref name="method"/> <paramref name="path"/> (its JSON content).</summary>
    public JsonObject SuccessSchema(string path, string method)
    {
        var responses = Document["paths"]![path]![method]!["responses"]!.AsObject();
        var success = responses.First(r => r.Key.StartsWith('2')).Value!;
        return Resolve(success["content"]!["application/json"]!["schema"]!);
    }

    /// <summary>Follows <c>$ref</c>s (<c>#/components/...</c>) to the object they name.</summary>
    public JsonObject Resolve(JsonNode node)
    {
        var current = node.AsObject();
        for (var hops = 0; current["$ref"] is { } reference; hops++)
        {
            Assert.True(hops < 20, $"A $ref loop at {reference}");
            var target = (string)reference!;
            Assert.StartsWith("#/", target, StringComparison.Ordinal);
            JsonNode? at = Document;
            foreach (var segment in target[2..].Split('/'))
            {
                at = at?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }

            current = at?.AsObject() ?? throw new Xunit.Sdk.XunitException($"{target} names nothing in the document");
        }

        return current;
    }

    /// <summary>
    /// What of <paramref name="value"/> its schema does not describe: a field the schema lacks (where
    /// <c>additionalProperties</c> is false, as for every record the API answers), a required field the answer lacks, a value of another
    /// type, an enum value not listed. Nested records, lists and <c>oneOf</c>s are followed.
    /// </summary>
    public void Check(JsonNode? value, JsonNode schemaNode, string at, List<string> faults)
    {
        var schema = Resolve(schemaNode);
        if (schema["oneOf"] is JsonArray oneOf)
        {
            var fits = oneOf.Select(option =>
            {
                var trial = new List<string>();
                Check(value, option!, at, trial);
                return trial;
            }).ToList();
            if (!fits.Any(f => f.Count == 0))
            {
                faults.AddRange(fits.OrderBy(f => f.Count).First());
            }

            return;
        }

        var types = schema["type"] switch
        {
            JsonArray list => list.Select(t => (string)t!).ToHashSet(),
            JsonValue one => [(string)one!],
            _ => null,
        };
        var kind = Kind(value);
        if (types is not null && !types.Contains(kind) && !(kind == "integer" && types.Contains("number")))
        {
            faults.Add($"{at}: a {kind} ({value?.ToJsonString()}) where the schema says {string.Join(" or ", types)}");
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            faults.Add($"{at}: {value?.ToJsonString()} is not one of the schema's values {allowed.ToJsonString()}");
        }

        if (value is JsonObject record && schema["properties"] is JsonObject properties)
        {
            var closed = schema["additionalProperties"] is JsonValue open && !(bool)open;
            foreach (var (name, field) in record)
            {
                if (properties[name] is { } fieldSchema)
                {
                    Check(field, fieldSchema, $"{at}.{name}", faults);
                }
                else if (closed)
                {
                    faults.Add($"{at}: the answer has '{name}', the schema does not");
                }
            }

            foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => (string)r!))
            {
                if (!record.ContainsKey(required))
                {
                    faults.Add($"{at}: the schema requires '{required}', the answer does not have it");
                }
            }
        }
        else if (value is JsonArray list && schema["items"] is { } items)
        {
            for (var i = 0; i < list.Count; i++)
            {
                Check(list[i], items, $"{at}[{i}]", faults);
            }
        }
    }

    private static string Kind(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => value.AsValue().TryGetValue<long>(out _) || ((double)value.AsValue() % 1 == 0) ? "integer" : "number",
        _ => "unknown",
    };
}
