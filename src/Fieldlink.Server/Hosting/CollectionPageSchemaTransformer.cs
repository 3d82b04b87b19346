using Fieldlink.Server.Api.Collections;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Fieldlink.Server.Hosting;

/// <summary>
/// Makes <c>@odata.count</c> and <c>@odata.nextLink</c> optional in a <see cref="CollectionPage{T}"/>'s schema, as a
/// page answers them: the count only for <c>$count=true</c>, the next link only when there is a next page. The
/// exporter marks every member of a positional record required.
/// </summary>
public sealed class CollectionPageSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonPropertyInfo is null && context.JsonTypeInfo.Type is { IsGenericType: true } type
            && type.GetGenericTypeDefinition() == typeof(CollectionPage<>) && schema.Required is { } required)
        {
            required.Remove("@odata.count");
            required.Remove("@odata.nextLink");
        }

        return Task.CompletedTask;
    }
}
