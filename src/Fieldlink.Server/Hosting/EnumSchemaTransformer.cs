using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Fieldlink.Server.Hosting;

/// <summary>
/// Gives enums their OpenAPI schema back: a string, one of the member names. The API reads and writes enums by name
/// through a converter of its own (<see cref="Api.Json.StrictEnumConverter"/>, which refuses numbers), which a schema
/// exporter cannot see through: it would describe every status, role and kind as "anything", and a generated client
/// would have no enum types. Lists of such values (and of text) get their item schema back for the same reason.
/// </summary>
public sealed class EnumSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = context.JsonTypeInfo.Type;
        if (Untyped(schema) && EnumOf(type) is { } enumType)
        {
            var nullable = Nullable.GetUnderlyingType(type) is not null;
            Describe(schema, enumType, nullable);
        }
        else if (schema.Items is null && schema.Type is { } kind && kind.HasFlag(JsonSchemaType.Array) && ElementOf(type) is { } element)
        {
            if (EnumOf(element) is { } elementEnum)
            {
                var items = new OpenApiSchema();
                Describe(items, elementEnum, nullable: false);
                schema.Items = items;
            }
            else if (element == typeof(string))
            {
                schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
            }
        }

        return Task.CompletedTask;
    }

    private static void Describe(OpenApiSchema schema, Type enumType, bool nullable)
    {
        schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        schema.Enum = [.. Enum.GetNames(enumType).Select(name => (JsonNode)JsonValue.Create(name))];
        if (nullable)
        {
            schema.Enum.Add(null!);
        }
    }

    private static bool Untyped(OpenApiSchema schema) => schema.Type is null && schema.Enum is not { Count: > 0 } && schema.OneOf is not { Count: > 0 };

    private static Type? EnumOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } e ? e : null;

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
}
