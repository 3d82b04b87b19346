using System.Text.Json.Nodes;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Data;
using Fieldlink.Core.Ingestion;
using Fieldlink.Sdk;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Ingestion;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Api.Alerts;

/// <summary>
/// The unified alert list (<c>GET /api/v1/alerts</c>, newest first, OData), an alert and its children, and its
/// status (<c>PATCH</c>: Active → InProgress → Closed, reopened to Active; a group moves together).
/// </summary>
public static class AlertsApi
{
    private static readonly AlertResource Resource = new();

    public static void MapAlertsApi(this IEndpointRouteBuilder api)
    {
        var alerts = api.MapGroup("alerts").WithTags("alerts");
        alerts.MapGet("/", ListAsync)
            .Produces<CollectionPage<AlertRead>>()
            .WithSummary("Lists alerts, with OData $filter, $orderby, $top, $skip, $count and $select.");
        alerts.MapGet("/{id:guid}", GetAsync).WithSummary("Reads one alert.");
        alerts.MapGet("/{id:guid}/children", ChildrenAsync).Produces<CollectionPage<AlertRead>>().WithSummary("Lists the alerts grouped under this parent, newest first (OData query options).");
        alerts.MapPatch("/{id:guid}", ChangeStatusAsync).RequireAuthorization(AuthPolicies.Dispatch)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .Accepts<AlertStatusWrite>("application/merge-patch+json", "application/json")
            .WithSummary("Changes the status of the alert and of its group: Active, InProgress, Closed; a closed alert is reopened to Active. Honours If-Match.");
    }

    private static Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ListAsync(
        HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) =>
        CollectionList.ListAsync(Resource, db.Alerts, http, options.Value, ct);

    private static Task<Results<Ok<AlertRead>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, FieldlinkDbContext db, CancellationToken ct) =>
        CollectionHandlers.GetAsync(Resource, id, http, db, ct);

    /// <summary>Maps <c>POST /alerts</c> on the ingestion group (<c>/api/v1/ingest</c>, the Ingest policy: Endpoint keys too).</summary>
    public static void MapAlertIngestionApi(this IEndpointRouteBuilder ingest)
    {
        ingest.MapPost("/alerts", IngestAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Accepts<AlertItem[]>("application/json")
            .WithSummary("Stores alerts: [{deviceId, alertType?, description, alertTime?, data?, token?, url?}], grouped and de-duplicated; answers created, duplicate or invalid per item, with the alert's id and its parent's.");
    }

    private static async Task<Results<Ok<IngestionItemResult[]>, ProblemHttpResult>> IngestAsync(
        HttpContext http, string? instance, FieldlinkDbContext db, IngestionGroupCommit<AlertReport> ingestion, CancellationToken ct) =>
        await IngestionItems.IngestForKeyAsync<AlertItem, AlertReport>(http, instance, db, item => item.ToReport(), ingestion.IngestAsync, ct);

    private static async Task<IResult> ChildrenAsync(Guid id, HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) =>
        await db.Alerts.AnyAsync(a => a.Id == id, ct)
            ? await CollectionList.ListAsync(Resource, db.Alerts.Where(a => a.ParentAlertId == id), http, options.Value, ct)
            : ApiProblems.NotFound("alert", id);

    private static async Task<Results<Ok<AlertRead>, ValidationProblem, ProblemHttpResult>> ChangeStatusAsync(
        Guid id, AlertStatusWrite body, HttpContext http, FieldlinkDbContext db, AlertLifecycle lifecycle, CancellationToken ct)
    {
        if (body.Status is not { } to)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"The status field is required: one of {string.Join(", ", Enum.GetNames<AlertStatus>())}."] });
        }

        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null)
        {
            return ApiProblems.NotFound("alert", id);
        }

        if (ETags.CheckIfMatch(http.Request, db, alert, "alert") is { } stale)
        {
            return stale;
        }

        if (await lifecycle.ChangeAsync(alert, to, body.StatusNote, ct) is { } refused)
        {
            return refused.Field is { } field
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [refused.Message] })
                : RefusalProblems.From(refused);
        }

        var read = await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == id, ct);
        ETags.Set(http.Response, read);
        return TypedResults.Ok(AlertRead.From(read));
    }
}
