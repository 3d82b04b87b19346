using System.Text.Json.Nodes;
using Fieldlink.Core.Connections;
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

    /// <summary>
    /// The list, filterable and orderable by <c>connectionState</c> (computed in the query); the live processes'
    /// reports of every instance are read in one query first, which is small: one row per instance and process.
    /// </summary>
    private static async Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListAsync(
        HttpContext http, FieldlinkDbContext db, ConnectorRegistry connectors, OutboundGuard guard, InstanceConnectionStates states, IOptions<ApiOptions> options, CancellationToken ct)
    {
        var nodes = await states.ReadNodesAsync(db, null, ct);
        return await CollectionList.ListAsync(new ProviderInstanceResource(connectors, guard, nodes), states.WithConnectionState(db.ProviderInstances, db), http, options.Value, ct);
    }

    private static async Task<Results<Ok<ProviderInstanceRead>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, FieldlinkDbContext db, ConnectorRegistry connectors, OutboundGuard guard, InstanceConnectionStates states, CancellationToken ct)
    {
        var nodes = await states.ReadNodesAsync(db, id, ct);
        return await CollectionHandlers.GetAsync(new ProviderInstanceResource(connectors, guard, nodes), id, http, db, ct);
    }

    private static Task<IResult> CreateAsync(HttpContext http, FieldlinkDbContext db, ConnectorRegistry connectors, OutboundGuard guard, CancellationToken ct) =>
        CollectionHandlers.CreateAsync(new ProviderInstanceResource(connectors, guard), http, db, ct);

    private static Task<Results<Ok<ProviderInstanceRead>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, JsonObject body, HttpContext http, FieldlinkDbContext db, ConnectorRegistry connectors, OutboundGuard guard, CancellationToken ct) =>
        CollectionHandlers.UpdateAsync(new ProviderInstanceResource(connectors, guard), id, body, http, db, ct);

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, FieldlinkDbContext db, ConnectorRegistry connectors, OutboundGuard guard, CancellationToken ct) =>
        CollectionHandlers.DeleteAsync(new ProviderInstanceResource(connectors, guard), id, http, db, ct);
}
