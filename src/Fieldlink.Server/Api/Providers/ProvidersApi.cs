using System.Text.Json.Nodes;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Api.Providers;

/// <summary><c>/api/v1/providers</c>: the IoT platforms Fieldlink talks to, each served by a connector; written by Administrators.</summary>
public static class ProvidersApi
{
    public static void MapProvidersApi(this IEndpointRouteBuilder api)
    {
        var providers = api.MapGroup("providers").WithTags("providers");
        providers.MapGet("/", ListAsync)
            .Produces<CollectionPage<ProviderRead>>()
            .WithSummary("Lists providers, with OData $filter, $orderby, $top, $skip, $count and $select.");
        providers.MapGet("/{id:guid}", GetAsync).WithSummary("Reads one provider.");
        providers.MapPost("/", CreateAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Accepts<ProviderWrite>("application/json")
            .Produces<ProviderRead>(StatusCodes.Status201Created)
            .WithSummary("Creates a provider.");
        providers.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .Accepts<ProviderWrite>("application/merge-patch+json", "application/json")
            .WithSummary("Updates a provider: the fields given replace the stored ones (JSON merge patch). Honours If-Match.");
        providers.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Deletes a provider. Honours If-Match.");
    }

    private static Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListAsync(
        HttpContext http, FieldlinkDbContext db, ConnectorRegistry connectors, IOptions<ApiOptions> options, CancellationToken ct) =>
        CollectionList.ListAsync(new ProviderResource(connectors), db.Providers, http, options.Value, ct);

    private static Task<Results<Ok<ProviderRead>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, FieldlinkDbContext db, ConnectorRegistry connectors, CancellationToken ct) =>
        CollectionHandlers.GetAsync(new ProviderResource(connectors), id, http, db, ct);

    private static Task<IResult> CreateAsync(HttpContext http, FieldlinkDbContext db, ConnectorRegistry connectors, CancellationToken ct) =>
        CollectionHandlers.CreateAsync(new ProviderResource(connectors), http, db, ct);

    private static Task<Results<Ok<ProviderRead>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, JsonObject body, HttpContext http, FieldlinkDbContext db, ConnectorRegistry connectors, CancellationToken ct) =>
        CollectionHandlers.UpdateAsync(new ProviderResource(connectors), id, body, http, db, ct);

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, FieldlinkDbContext db, ConnectorRegistry connectors, CancellationToken ct) =>
        CollectionHandlers.DeleteAsync(new ProviderResource(connectors), id, http, db, ct);
}
