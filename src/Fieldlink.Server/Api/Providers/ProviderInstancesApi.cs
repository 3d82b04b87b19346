using System.Text.Json.Nodes;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Outbound;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Api.Providers;

/// <summary><c>/api/v1/providerInstances</c>: one account at a provider, with its connector settings (secrets never read back); written by Administrators.</summary>
public static class ProviderInstancesApi
{
    public static void MapProviderInstancesApi(this IEndpointRouteBuilder api)
    {
        var instances = api.MapGroup("providerInstances").WithTags("providerInstances");
        instances.MapGet("/", ListAsync)
            .Produces<CollectionPage<ProviderInstanceRead>>()
            .WithSummary("Lists providerInstances, with OData $filter, $orderby, $top, $skip, $count and $select.");
        instances.MapGet("/{id:guid}", GetAsync).WithSummary("Reads one provider instance.");
        instances.MapPost("/", CreateAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Accepts<ProviderInstanceWrite>("application/json")
            .Produces<ProviderInstanceRead>(StatusCodes.Status201Created)
            .WithSummary("Creates a provider instance.");
        instances.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .Accepts<ProviderInstanceWrite>("application/merge-patch+json", "application/json")
            .WithSummary("Updates a provider instance: the fields given replace the stored ones (JSON merge patch). Honours If-Match.");
        instances.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Deletes a provider instance. Honours If-Match.");
    }

    private static Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListAsync(
        HttpContext http, FieldlinkDbContext db, ConnectorRegistry connectors, OutboundGuard guard, IOptions<ApiOptions> options, CancellationToken ct) =>
        CollectionList.ListAsync(new ProviderInstanceResource(connectors, guard), db.ProviderInstances, http, options.Value, ct);

    private static Task<Results<Ok<ProviderInstanceRead>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, FieldlinkDbContext db, ConnectorRegistry connectors, OutboundGuard guard, CancellationToken ct) =>
        CollectionHandlers.GetAsync(new ProviderInstanceResource(connectors, guard), id, http, db, ct);

    private static Task<IResult> CreateAsync(HttpContext http, FieldlinkDbContext db, ConnectorRegistry connectors, OutboundGuard guard, CancellationToken ct) =>
        CollectionHandlers.CreateAsync(new ProviderInstanceResource(connectors, guard), http, db, ct);

    private static Task<Results<Ok<ProviderInstanceRead>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, JsonObject body, HttpContext http, FieldlinkDbContext db, ConnectorRegistry connectors, OutboundGuard guard, CancellationToken ct) =>
        CollectionHandlers.UpdateAsync(new ProviderInstanceResource(connectors, guard), id, body, http, db, ct);

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, FieldlinkDbContext db, ConnectorRegistry connectors, OutboundGuard guard, CancellationToken ct) =>
        CollectionHandlers.DeleteAsync(new ProviderInstanceResource(connectors, guard), id, http, db, ct);
}
