using Fieldlink.Server.Api.Collections;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Fieldlink.Server.Hosting;

/// <summary>
/// Declares the OData query options (<see cref="CollectionQueryOptions"/>) on every GET that answers a
/// <see cref="CollectionPage{T}"/>: the handlers read them from the query string themselves, so the framework cannot
/// see them, and a client generated without them could not filter or page. A list route declares its page
/// (<c>.Produces&lt;CollectionPage&lt;TRead&gt;&gt;()</c>) and gets its options here, in one place.
/// </summary>
public sealed class CollectionQueryTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (RecordOfPage(context.Description) is not { } record)
        {
            return Task.CompletedTask;
        }

        // The names the answer writes (the API's JSON options), which are the names $select takes (FieldNames).
        var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var fields = json.GetTypeInfo(record).Properties.Select(p => p.Name).ToList();
        operation.Parameters ??= [];
        foreach (var option in CollectionQueryOptions.All)
        {
            if (!operation.Parameters.Any(p => p.In == ParameterLocation.Query && p.Name == option.Name))
            {
                operation.Parameters.Add(option.ToParameter(fields));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The record type of a GET whose 200 is a page of a collection (the routes <c>CollectionList.ListAsync</c>
    /// answers), or null for any other operation.
    /// </summary>
    public static Type? RecordOfPage(ApiDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return HttpMethods.IsGet(description.HttpMethod ?? string.Empty)
            ? description.SupportedResponseTypes
                .Where(r => r.StatusCode == StatusCodes.Status200OK && r.Type is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(CollectionPage<>))
                .Select(r => r.Type!.GetGenericArguments()[0])
                .FirstOrDefault()
            : null;
    }
}
