using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Api.Devices;

/// <summary><c>/api/v1/deviceCategories</c>: kinds of device, with their measures and thresholds; written by Administrators.</summary>
public static class DeviceCategoriesApi
{
    private static readonly DeviceCategoryResource Resource = new();

    public static void MapDeviceCategoriesApi(this IEndpointRouteBuilder api)
    {
        var categories = api.MapGroup("deviceCategories").WithTags("deviceCategories");
        categories.MapGet("/", ListAsync)
            .Produces<CollectionPage<DeviceCategoryRead>>()
            .WithSummary("Lists deviceCategories, with OData $filter, $orderby, $top, $skip, $count and $select.");
        categories.MapGet("/{id:guid}", GetAsync).WithSummary("Reads one device category.");
        categories.MapPost("/", CreateAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Accepts<DeviceCategoryWrite>("application/json")
            .Produces<DeviceCategoryRead>(StatusCodes.Status201Created)
            .WithSummary("Creates a device category.");
        categories.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .Accepts<DeviceCategoryWrite>("application/merge-patch+json", "application/json")
            .WithSummary("Updates a device category: the fields given replace the stored ones (JSON merge patch). Honours If-Match.");
        categories.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Deletes a device category. Honours If-Match.");
    }

    private static Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListAsync(
        HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) =>
        CollectionList.ListAsync(Resource, db.DeviceCategories, http, options.Value, ct);

    private static Task<Results<Ok<DeviceCategoryRead>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.GetAsync(Resource, id, http, db, ct);

    private static Task<IResult> CreateAsync(HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.CreateAsync(Resource, http, db, ct);

    private static Task<Results<Ok<DeviceCategoryRead>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, JsonObject body, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.UpdateAsync(Resource, id, body, http, db, ct);

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.DeleteAsync(Resource, id, http, db, ct);
}
