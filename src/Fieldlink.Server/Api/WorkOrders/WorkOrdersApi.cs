using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Core.WorkOrders;
using Fieldlink.Server.Api.Cases;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Api.WorkOrders;

/// <summary>
/// Work orders: created from an active case (<c>POST /cases/{id}/workOrder</c>, the only way to make one), listed and
/// read by everyone (technicians see their work here), moved along their lifecycle by dispatchers.
/// </summary>
public static class WorkOrdersApi
{
    private static readonly WorkOrderResource Resource = new();

    public static void MapWorkOrdersApi(this IEndpointRouteBuilder api)
    {
        var workOrders = api.MapGroup("workOrders").WithTags("work orders");
        workOrders.MapGet("/", ListAsync)
            .Produces<CollectionPage<WorkOrderRead>>()
            .WithSummary("Lists workOrders, with OData $filter, $orderby, $top, $skip, $count and $select.");
        workOrders.MapGet("/{id:guid}", GetAsync).WithSummary("Reads one work order.");
        workOrders.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(AuthPolicies.Dispatch)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .Accepts<WorkOrderWrite>("application/merge-patch+json", "application/json")
            .WithSummary("Updates a work order (JSON merge patch): its instructions, and its status one step along the lifecycle (409 otherwise). Honours If-Match.");

        api.MapPost("cases/{id:guid}/workOrder", CreateAsync).WithTags("work orders").RequireAuthorization(AuthPolicies.Dispatch)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Creates a work order for an active case: account, asset and primary incident from the case and its alert.");
        api.MapGet("cases/{id:guid}/workOrders", ListOfCaseAsync).WithTags("work orders")
            .Produces<CollectionPage<WorkOrderRead>>()
            .WithSummary("Lists the case's work orders, newest first (OData query options).");
    }

    private static Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListAsync(
        HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) =>
        CollectionList.ListAsync(Resource, db.WorkOrders, http, options.Value, ct);

    private static Task<Results<Ok<WorkOrderRead>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.GetAsync(Resource, id, http, db, ct);

    private static async Task<Results<Created<WorkOrderRead>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Guid id, WorkOrderCreate? body, HttpContext http, WorkOrderLifecycle lifecycle, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var instructions = errors.Optional("instructions", body?.Instructions, WorkOrder.InstructionsMaxLength);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await lifecycle.CreateForCaseAsync(id, instructions, ct);
        if (result.Refusal is { } refusal)
        {
            return RefusalProblems.From(refusal);
        }

        var created = result.Value!;
        ETags.Set(http.Response, created);
        return TypedResults.Created($"{http.Request.PathBase}/api/v1/workOrders/{created.Id}", WorkOrderRead.From(created));
    }

    private static async Task<IResult> ListOfCaseAsync(Guid id, HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct)
    {
        if (!await db.Cases.AnyAsync(c => c.Id == id, ct))
        {
            return ApiProblems.NotFound("case", id);
        }

        return await CollectionList.ListAsync(Resource, db.WorkOrders.Where(w => w.CaseId == id), http, options.Value, ct);
    }

    private static async Task<Results<Ok<WorkOrderRead>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, JsonObject body, HttpContext http, FieldlinkDbContext db, WorkOrderLifecycle lifecycle, CancellationToken ct)
    {
        var snapshot = await db.WorkOrders.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);
        if (snapshot is null)
        {
            return ApiProblems.NotFound(Resource.Noun, id);
        }

        if (ETags.CheckIfMatch(http.Request, snapshot, Resource.Noun, out var expected) is { } stale)
        {
            return stale;
        }

        if (JsonMergePatch.Merge(WorkOrderResource.ToWrite(snapshot), body, out var write) is { } invalid)
        {
            return invalid;
        }

        var errors = new FieldErrors();
        var instructions = errors.Optional("instructions", write.Instructions, WorkOrder.InstructionsMaxLength);

        // Only a status the patch names is a step; an edit of the instructions must not undo a step made meanwhile.
        var statusNamed = body.ContainsKey("status");
        if (statusNamed && write.Status is null)
        {
            errors.Add("status", $"The status cannot be removed: one of {string.Join(", ", Enum.GetNames<WorkOrderStatus>())}.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await lifecycle.UpdateAsync(id, expected, new WorkOrderEdit(instructions, statusNamed ? write.Status : null), ct);
        if (result.Refusal is { } refusal)
        {
            return RefusalProblems.From(refusal);
        }

        ETags.Set(http.Response, result.Value!);
        return TypedResults.Ok(WorkOrderRead.From(result.Value!));
    }
}
