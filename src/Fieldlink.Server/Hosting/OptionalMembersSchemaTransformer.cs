using System.Reflection;
using System.Text.Json.Serialization;
using Fieldlink.Server.Api.Collections;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Fieldlink.Server.Hosting;

/// <summary>
/// Takes out of a schema's <c>required</c> the members an answer may leave out. The exporter marks every member of a
/// positional record required, but a member with <c>[JsonIgnore(Condition = WhenWritingNull)]</c> is not written when
/// null (a command's <c>errorDetail</c>, shown to Administrators only), and a <see cref="CollectionPage{T}"/> has
/// <c>@odata.count</c> only for <c>$count=true</c> and <c>@odata.nextLink</c> only when there is a next page.
/// </summary>
public sealed class OptionalMembersSchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly string[] PageAnnotations = ["@odata.count", "@odata.nextLink"];

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonPropertyInfo is not null || schema.Required is not { Count: > 0 } required)
        {
            return Task.CompletedTask;
        }

        var type = context.JsonTypeInfo.Type;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(CollectionPage<>))
        {
            foreach (var annotation in PageAnnotations)
            {
                required.Remove(annotation);
            }
        }

        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if ((property.AttributeProvider as MemberInfo)?.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition
                is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault)
            {
                required.Remove(property.Name);
            }
        }

        return Task.CompletedTask;
    }
}
