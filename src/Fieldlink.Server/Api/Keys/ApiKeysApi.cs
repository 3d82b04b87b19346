using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Keys;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

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
        var group = api.MapGroup(Resource.Collection).WithTags(Resource.Collection).RequireAuthorization(AuthPolicies.Administer);
        group.MapList(Resource);
        group.MapRead(Resource);
        group.MapUpdate(Resource);
        group.MapPost("/", CreateAsync).WithSummary("Creates an API key; the answer holds the key, shown only this once.");
        group.MapDelete("/{id:guid}", RevokeAsync).WithSummary("Revokes an API key.");
    }

    private static async Task<Results<Created<ApiKeyCreated>, ValidationProblem>> CreateAsync(
        ApiKeyWrite body, HttpContext http, FieldlinkDbContext db, ApiKeyStore keys, CancellationToken ct)
    {
        var errors = new FieldErrors();
        await Resource.ValidateAsync(body, null, errors, db, ct);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var (key, secret) = await keys.CreateAsync(body.Name!.Trim(), body.Role!.Value, body.ProviderInstanceId, ct);
        ETags.Set(http.Response, key);
        return TypedResults.Created(
            $"{http.Request.PathBase}/api/v1/apiKeys/{key.Id}",
            new ApiKeyCreated(key.Id, key.Name, key.Role, key.ProviderInstanceId, key.Prefix, key.CreatedAt, secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid id, FieldlinkDbContext db, ApiKeyStore keys, CancellationToken ct)
    {
        if (!await db.ApiKeys.AnyAsync(k => k.Id == id, ct))
        {
            return ApiProblems.NotFound(Resource.Noun, id);
        }

        await keys.RevokeAsync(id.ToString(), ct);
        return TypedResults.NoContent();
    }
}
