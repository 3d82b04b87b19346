using System.Text.Json.Nodes;
using Fieldlink.Core.Assets;
using Fieldlink.Core.Cases;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Api.Cases;

/// <summary>
/// Cases: created from an alert (<c>POST /alerts/{id}/case</c>, the only way to make one, as a case is the first step
/// of handling an alert), listed and read by everyone, edited and moved along their lifecycle by dispatchers.
/// </summary>
public static class CasesApi
{
    private static readonly CaseResource Resource = new();

    public static void MapCasesApi(this IEndpointRouteBuilder api)
    {
        var cases = api.MapGroup("cases").WithTags("cases");
        cases.MapGet("/", ListAsync)
            .Produces<CollectionPage<CaseRead>>()
            .WithSummary("Lists cases, with OData $filter, $orderby, $top, $skip, $count and $select.");
        cases.MapGet("/{id:guid}", GetAsync).WithSummary("Reads one case.");
        cases.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(AuthPolicies.Dispatch)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .Accepts<CaseWrite>("application/merge-patch+json", "application/json")
            .WithSummary("Updates a case (JSON merge patch); a status change resolves, cancels or reopens it, with its alerts. Honours If-Match.");

        api.MapPost("alerts/{id:guid}/case", CreateAsync).WithTags("cases").RequireAuthorization(AuthPolicies.Dispatch)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Creates a case from the alert, linking the alert's whole group and putting its open alerts in progress.");
    }

    private static Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListAsync(
        HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) =>
        CollectionList.ListAsync(Resource, db.Cases, http, options.Value, ct);

    private static Task<Results<Ok<CaseRead>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.GetAsync(Resource, id, http, db, ct);

    private static async Task<Results<Created<CaseRead>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Guid id, CaseCreate? body, HttpContext http, CaseLifecycle lifecycle, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var title = errors.Optional("title", body?.Title, Case.TitleMaxLength);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await lifecycle.CreateFromAlertAsync(id, title, body?.Priority, ct);
        if (result.Refusal is { } refusal)
        {
            return RefusalProblems.From(refusal);
        }

        var created = result.Value!;
        ETags.Set(http.Response, created);
        return TypedResults.Created($"{http.Request.PathBase}/api/v1/cases/{created.Id}", CaseRead.From(created));
    }

    private static async Task<Results<Ok<CaseRead>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, JsonObject body, HttpContext http, FieldlinkDbContext db, CaseLifecycle lifecycle, CancellationToken ct)
    {
        var snapshot = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (snapshot is null)
        {
            return ApiProblems.NotFound(Resource.Noun, id);
        }

        if (ETags.CheckIfMatch(http.Request, snapshot, Resource.Noun, out var expected) is { } stale)
        {
            return stale;
        }

        if (JsonMergePatch.Merge(CaseResource.ToWrite(snapshot), body, out var write) is { } invalid)
        {
            return invalid;
        }

        var errors = new FieldErrors();
        var title = errors.Required("title", write.Title, Case.TitleMaxLength);
        var description = errors.Optional("description", write.Description, Case.DescriptionMaxLength);
        if (write.Priority is null)
        {
            errors.Add("priority", $"The priority field is required: one of {string.Join(", ", Enum.GetNames<CasePriority>())}.");
        }

        // Only a status the patch names is a change; a patch of the title must not undo a status change made meanwhile.
        var statusNamed = body.ContainsKey("status");
        if (statusNamed && write.Status is null)
        {
            errors.Add("status", $"The status cannot be removed: one of {string.Join(", ", Enum.GetNames<CaseStatus>())}.");
        }

        await References.CheckAsync<Account>(db, errors, "accountId", write.AccountId, "account", ct);
        await References.CheckAsync<CustomerAsset>(db, errors, "customerAssetId", write.CustomerAssetId, "customer asset", ct);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var edit = new CaseEdit(title!, description, write.Priority!.Value, write.AccountId, write.CustomerAssetId, statusNamed ? write.Status : null);
        var result = await lifecycle.UpdateAsync(id, expected, edit, ct);
        if (result.Refusal is { } refusal)
        {
            return RefusalProblems.From(refusal);
        }

        ETags.Set(http.Response, result.Value!);
        return TypedResults.Ok(CaseRead.From(result.Value!));
    }
}
