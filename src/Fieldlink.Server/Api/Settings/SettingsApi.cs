using System.Text.Json.Nodes;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Data;
using Fieldlink.Core.Settings;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Settings;

/// <summary><c>GET</c> and <c>PATCH /api/v1/settings</c>: the one record of IoT settings (checked and saved by <see cref="SettingsEdits"/>).</summary>
public static class SettingsApi
{
    public static void MapSettingsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("settings").WithTags("settings");
        group.MapGet("/", GetAsync).WithSummary("Reads the IoT settings.");
        group.MapPatch("/", UpdateAsync)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .RequireAuthorization(AuthPolicies.Administer)
            .Accepts<SettingsWrite>("application/merge-patch+json", "application/json")
            .WithSummary("Updates the IoT settings (JSON merge patch). Honours If-Match.");
    }

    private static async Task<Ok<SettingsRead>> GetAsync(HttpContext http, FieldlinkDbContext db, CancellationToken ct)
    {
        var settings = await db.Settings.AsNoTracking().SingleAsync(ct);
        ETags.Set(http.Response, settings);
        return TypedResults.Ok(ToRead(settings));
    }

    private static async Task<Results<Ok<SettingsRead>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        JsonObject body, HttpContext http, FieldlinkDbContext db, CommandMessageNames commandMessageNames, CancellationToken ct)
    {
        var settings = await db.Settings.SingleAsync(ct);
        if (ETags.CheckIfMatch(http.Request, db, settings, "settings") is { } stale)
        {
            return stale;
        }

        if (JsonMergePatch.Merge(SettingsEdits.ToWrite(settings), body, out var write) is { } invalid)
        {
            return invalid;
        }

        var edit = await SettingsEdits.UpdateAsync(settings, write, db, commandMessageNames, ct);
        if (edit.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (edit.Problem is { } problem)
        {
            return problem;
        }

        ETags.Set(http.Response, settings);
        return TypedResults.Ok(ToRead(settings));
    }

    private static SettingsRead ToRead(IoTSettings s) => new(
        s.DefaultProviderInstanceId,
        s.AlertGroupingEnabled,
        s.AlertGroupingFields,
        s.AlertGroupingWindow,
        s.AutoPullOnAlert,
        s.ScheduledPullsEnabled,
        s.ScheduledPullInterval,
        s.CommandNameProperty,
        s.CommandParametersProperty,
        s.UpdatedAt);
}
