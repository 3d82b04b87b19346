using Fieldlink.Core.Alerts;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Alerts;
using Fieldlink.Server.Api.Collections;
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
        alerts.MapList(Resource);
        alerts.MapRead(Resource);
        alerts.MapGet("/{id:guid}/children", ChildrenAsync).Produces<CollectionPage<AlertRead>>().WithSummary("Lists the alerts grouped under this parent, newest first (OData query options).");
        alerts.MapPatch("/{id:guid}", ChangeStatusAsync).RequireAuthorization(AuthPolicies.Dispatch)
            .Accepts<AlertStatusWrite>("application/merge-patch+json", "application/json")
            .WithSummary("Changes the status of the alert and of its group: Active, InProgress, Closed; a closed alert is reopened to Active. Honours If-Match.");
    }

    private static async Task<IResult> ChildrenAsync(Guid id, HttpContext http, FieldlinkDbContext db, IOptions<ApiOptions> options, CancellationToken ct) =>
        await db.Alerts.AnyAsync(a => a.Id == id, ct)
            ? await CollectionEndpoints.ListAsync(Resource, db.Alerts.Where(a => a.ParentAlertId == id), http, options.Value, ct)
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

        if (!AlertLifecycle.Allows(alert.Status, to))
        {
            return ApiProblems.Conflict($"A closed alert goes back to Active (reopened) before it can be {to}.");
        }

        if (alert.Status != to)
        {
            var reason = alert.Status == AlertStatus.Closed ? AlertStatusReason.Reopened : AlertStatusReason.Manual;
            await lifecycle.MoveAsync(alert, to, reason, ct);
        }

        var read = await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == id, ct);
        ETags.Set(http.Response, read);
        return TypedResults.Ok(AlertRead.From(read));
    }
}
