using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Fieldlink.Server.Hosting;

/// <summary>
/// Gives text, numbers, times and durations (ISO 8601, <c>PT5M</c>) their OpenAPI types back. The API reads them through converters of its own (which
/// hold them to <see cref="Core.Validation.StorableValues"/>, see <see cref="Api.Json.ApiJson"/>), and a schema
/// exporter cannot see through a custom converter: it would describe every such field as "any".
/// </summary>
public sealed class StorableSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null || (!type.IsValueType && context.JsonPropertyInfo is { IsGetNullable: true });
        var (kind, format) = (underlying ?? type) switch
        {
            var t when t == typeof(string) => (JsonSchemaType.String, null),
            var t when t == typeof(double) => (JsonSchemaType.Number, "double"),
            var t when t == typeof(DateTimeOffset) => (JsonSchemaType.String, "date-time"),
            var t when t == typeof(TimeSpan) => (JsonSchemaType.String, "duration"),
            var t when t == typeof(System.Text.Json.Nodes.JsonObject) => (JsonSchemaType.Object, null),
            _ => ((JsonSchemaType?)null, (string?)null),
        };
        if (kind is { } known && schema.Type is null)
        {
            schema.Type = nullable ? known | JsonSchemaType.Null : known;
            schema.Format ??= format;
        }

        return Task.CompletedTask;
    }
}
