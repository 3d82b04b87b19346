using System.Text.Json.Nodes;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Api.Keys;

/// <summary>
/// <c>/api/v1/apiKeys</c>, for Administrators only. A key's secret is in the answer to its creation and nowhere
/// else; <c>DELETE</c> revokes the key and keeps the record, so the list still tells who had access.
/// </summary>
public static class ApiKeysApi
{
    private static readonly ApiKeyResource Resource = new();

    public static void MapApiKeysApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("apiKeys").WithTags("apiKeys").RequireAuthorization(AuthPolicies.Administer);
        group.MapGet("/", ListAsync)
            .Produces<CollectionPage<ApiKeyRead>>()
            .WithSummary("Lists apiKeys, with OData $filter, $orderby, $top, $skip, $count and $select.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("Reads one API key.");
        group.MapPatch("/{id:guid}", UpdateAsync)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .Accepts<ApiKeyWrite>("application/merge-patch+json", "application/json")
            .WithSummary("Updates an API key: the fields given replace the stored ones (JSON merge patch). Honours If-Match.");
        group.MapPost("/", CreateAsync).WithSummary("Creates an API key; the answer holds the key, shown only this once.");
        group.MapDelete("/{id:guid}", RevokeAsync).WithSummary("Revokes an API key.");
    }

    private static Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListAsync(
        HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) =>
        CollectionList.ListAsync(Resource, db.ApiKeys, http, options.Value, ct);

    private static Task<Results<Ok<ApiKeyRead>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.GetAsync(Resource, id, http, db, ct);

    private static Task<Results<Ok<ApiKeyRead>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, JsonObject body, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.UpdateAsync(Resource, id, body, http, db, ct);

    private static async Task<Results<Created<ApiKeyCreated>, ValidationProblem>> CreateAsync(
        ApiKeyWrite body, HttpContext http, FieldlinkDbContext db, ApiKeyStore keys, CancellationToken ct)
    {
        var issue = await ApiKeyIssuing.CreateAsync(body, db, keys, ct);
        if (!issue.Succeeded)
        {
            return TypedResults.ValidationProblem(issue.Errors!.ToDictionary());
        }

        var (key, secret) = (issue.Key!, issue.Secret!);
        ETags.Set(http.Response, key);
        return TypedResults.Created(
            $"{http.Request.PathBase}/api/v1/apiKeys/{key.Id}",
            new ApiKeyCreated(key.Id, key.Name, key.Role, key.ProviderInstanceId, key.Prefix, key.CreatedAt, secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid id, ApiKeyStore keys, CancellationToken ct) =>
        await keys.RevokeAsync(id.ToString(), ct) ? TypedResults.NoContent() : ApiProblems.NotFound(Resource.Noun, id);
}
