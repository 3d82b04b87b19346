using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.OData;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Fieldlink.Server.Hosting;

/// <summary>
/// Declares what OData adds to the API's answers: <c>@odata.context</c> on a page (<see cref="CollectionPage{T}"/>) and
/// on a record of a collection (<c>DeviceRead</c>...), and on such a record each reference <c>$expand</c> can write
/// into it (a device's <c>providerInstance</c>, an alert's <c>children</c>), so a generated client reads those as
/// fields rather than dropping them. All are optional: a page answered by an action has no context, a plain answer no
/// expansion.
/// </summary>
public sealed class ODataSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonPropertyInfo is not null)
        {
            return Task.CompletedTask;
        }

        var type = context.JsonTypeInfo.Type;
        var page = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(CollectionPage<>);
        var collection = ODataModel.CollectionOfRead(type);
        if (!page && collection is null)
        {
            return Task.CompletedTask;
        }

        schema.Properties ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        schema.Properties["@odata.context"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The $metadata fragment that describes this answer (OData control information), e.g. …/$metadata#devices or …/$metadata#devices/$entity.",
        };
        foreach (var navigation in ODataModel.Navigations.Where(n => n.Collection == collection))
        {
            var record = new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null,
                Description = $"The {navigation.Target} record, when $expand names {navigation.Name}; its fields as that collection answers them.",
            };
            schema.Properties[navigation.Name] = navigation.Many
                ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = record, Description = $"The {navigation.Target} records, when $expand names {navigation.Name}." }
                : record;
        }

        return Task.CompletedTask;
    }
}
