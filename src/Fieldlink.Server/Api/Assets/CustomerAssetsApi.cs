using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Api.Assets;

/// <summary><c>/api/v1/customerAssets</c>: a customer's equipment, which devices watch; written by Administrators.</summary>
public static class CustomerAssetsApi
{
    private static readonly CustomerAssetResource Resource = new();

    public static void MapCustomerAssetsApi(this IEndpointRouteBuilder api)
    {
        var assets = api.MapGroup("customerAssets").WithTags("customerAssets");
        assets.MapGet("/", ListAsync)
            .Produces<CollectionPage<CustomerAssetRead>>()
            .WithSummary("Lists customerAssets, with OData $filter, $orderby, $top, $skip, $count and $select.");
        assets.MapGet("/{id:guid}", GetAsync).WithSummary("Reads one customer asset.");
        assets.MapPost("/", CreateAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Accepts<CustomerAssetWrite>("application/json")
            .Produces<CustomerAssetRead>(StatusCodes.Status201Created)
            .WithSummary("Creates a customer asset.");
        assets.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .Accepts<CustomerAssetWrite>("application/merge-patch+json", "application/json")
            .WithSummary("Updates a customer asset: the fields given replace the stored ones (JSON merge patch). Honours If-Match.");
        assets.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Deletes a customer asset. Honours If-Match.");
    }

    private static Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListAsync(
        HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) =>
        CollectionList.ListAsync(Resource, db.CustomerAssets, http, options.Value, ct);

    private static Task<Results<Ok<CustomerAssetRead>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.GetAsync(Resource, id, http, db, ct);

    private static Task<IResult> CreateAsync(HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.CreateAsync(Resource, http, db, ct);

    private static Task<Results<Ok<CustomerAssetRead>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, JsonObject body, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.UpdateAsync(Resource, id, body, http, db, ct);

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.DeleteAsync(Resource, id, http, db, ct);
}
