using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Api.Assets;

/// <summary><c>/api/v1/accounts</c>: the customers whose devices and assets Fieldlink serves; written by Administrators.</summary>
public static class AccountsApi
{
    private static readonly AccountResource Resource = new();

    public static void MapAccountsApi(this IEndpointRouteBuilder api)
    {
        var accounts = api.MapGroup("accounts").WithTags("accounts");
        accounts.MapGet("/", ListAsync)
            .Produces<CollectionPage<AccountRead>>()
            .WithSummary("Lists accounts, with OData $filter, $orderby, $top, $skip, $count and $select.");
        accounts.MapGet("/{id:guid}", GetAsync).WithSummary("Reads one account.");
        accounts.MapPost("/", CreateAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Accepts<AccountWrite>("application/json")
            .Produces<AccountRead>(StatusCodes.Status201Created)
            .WithSummary("Creates an account.");
        accounts.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .Accepts<AccountWrite>("application/merge-patch+json", "application/json")
            .WithSummary("Updates an account: the fields given replace the stored ones (JSON merge patch). Honours If-Match.");
        accounts.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(AuthPolicies.Administer)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Deletes an account. Honours If-Match.");
    }

    private static Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListAsync(
        HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) =>
        CollectionList.ListAsync(Resource, db.Accounts, http, options.Value, ct);

    private static Task<Results<Ok<AccountRead>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.GetAsync(Resource, id, http, db, ct);

    private static Task<IResult> CreateAsync(HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.CreateAsync(Resource, http, db, ct);

    private static Task<Results<Ok<AccountRead>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, JsonObject body, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.UpdateAsync(Resource, id, body, http, db, ct);

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.DeleteAsync(Resource, id, http, db, ct);
}
