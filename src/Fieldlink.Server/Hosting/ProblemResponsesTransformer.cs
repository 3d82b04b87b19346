using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Fieldlink.Server.Hosting;

/// <summary>
/// Declares, on every <c>/api/v1</c> operation, the problem answers that come from the API's plumbing rather than from
/// its handler, so they are written once here instead of on each route: 400 (a validation problem naming the field)
/// where the request has a body or query parameters; 401 and 403 where an API key's role is checked; 404 where an id
/// is in the path (an unknown one, or one that is not a GUID); 413 and 415 where there is a body; 503 when the store
/// is unavailable. What only some handlers answer (409, 412, 501...) is declared on their routes with
/// <c>.ProducesProblem(...)</c>. Every 4xx and 5xx, however declared, answers <c>application/problem+json</c>. Other
/// surfaces (the Dataverse Web API's <c>/api/data</c>) answer errors in their own shape and declare them themselves.
/// </summary>
public sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    private const string ProblemContentType = "application/problem+json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Description.RelativePath is not { } path || !(path == "api/v1" || path.StartsWith("api/v1/", StringComparison.Ordinal)))
        {
            return;
        }

        var parameters = operation.Parameters ?? [];
        var hasBody = operation.RequestBody is not null;
        var statuses = new SortedSet<int> { StatusCodes.Status503ServiceUnavailable };
        if (hasBody || parameters.Any(p => p.In == ParameterLocation.Query))
        {
            statuses.Add(StatusCodes.Status400BadRequest);
        }

        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count > 0 && !metadata.OfType<IAllowAnonymous>().Any())
        {
            statuses.Add(StatusCodes.Status401Unauthorized);

            // Every policy of the API admits some roles only (AuthPolicies): a key of another role is refused.
            if (authorize.Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles)))
            {
                statuses.Add(StatusCodes.Status403Forbidden);
            }
        }

        if (parameters.Any(p => p.In == ParameterLocation.Path))
        {
            statuses.Add(StatusCodes.Status404NotFound);
        }

        if (hasBody)
        {
            statuses.Add(StatusCodes.Status413PayloadTooLarge);
            statuses.Add(StatusCodes.Status415UnsupportedMediaType);
        }

        operation.Responses ??= [];
        foreach (var status in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse { Description = ReasonPhrases.GetReasonPhrase(status) };
            }
        }

        foreach (var (key, response) in operation.Responses)
        {
            if (key.Length == 3 && key[0] is '4' or '5' && response is OpenApiResponse problem)
            {
                await DescribeProblemAsync(problem, key == "400", context, cancellationToken);
            }
        }

        // In status order, as a reader looks them up (the framework lists them as the metadata came).
        var ordered = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (key, response) in ordered)
        {
            operation.Responses[key] = response;
        }
    }

    /// <summary>Gives an error answer the problem content, keeping one a route declared already.</summary>
    private static async Task DescribeProblemAsync(OpenApiResponse response, bool validation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        response.Content ??= new Dictionary<string, OpenApiMediaType>();
        if (response.Content.TryGetValue(ProblemContentType, out var declared) && declared.Schema is not null)
        {
            response.Content = new Dictionary<string, OpenApiMediaType> { [ProblemContentType] = declared };
            return;
        }

        var type = validation ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
        response.Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemContentType] = new() { Schema = await ReferenceAsync(type, context, cancellationToken) },
        };
    }

    /// <summary>A reference to the schema of <paramref name="type"/> in the document's components, adding it the first time.</summary>
    private static async Task<IOpenApiSchema> ReferenceAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("The operation transformer was given no document.");
        if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
        {
            document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        }

        return new OpenApiSchemaReference(type.Name, document);
    }
}
