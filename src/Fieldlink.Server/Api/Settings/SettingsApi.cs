using System.Text.Json.Nodes;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Data;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Settings;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Settings;

/// <summary><c>GET</c> and <c>PATCH /api/v1/settings</c>: the one record of IoT settings.</summary>
public static class SettingsApi
{
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(7);

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

        if (JsonMergePatch.Merge(ToWrite(settings), body, out var write) is { } invalid)
        {
            return invalid;
        }

        var errors = new FieldErrors();
        await References.CheckAsync<ProviderInstance>(db, errors, "defaultProviderInstanceId", write.DefaultProviderInstanceId, "provider instance", ct);
        var fields = write.AlertGroupingFields ?? [];
        foreach (var field in fields.Where(f => !AlertGroupingField.All.Contains(f)))
        {
            errors.Add("alertGroupingFields", $"'{field}' is not one of: {string.Join(", ", AlertGroupingField.All)}.");
        }

        if (fields.Distinct().Count() != fields.Count)
        {
            errors.Add("alertGroupingFields", "A field is listed twice.");
        }

        if (write.AlertGroupingWindow is not { } window || window <= TimeSpan.Zero || window > MaxWindow)
        {
            errors.Add("alertGroupingWindow", "The window must be more than zero and at most P7D.");
        }

        if (write.ScheduledPullInterval is not { } interval || interval < TimeSpan.FromMinutes(1))
        {
            errors.Add("scheduledPullInterval", "The interval must be at least PT1M.");
        }

        errors.Required("commandNameProperty", write.CommandNameProperty, 100);
        errors.Required("commandParametersProperty", write.CommandParametersProperty, 100);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        settings.DefaultProviderInstanceId = write.DefaultProviderInstanceId;
        settings.AlertGroupingEnabled = write.AlertGroupingEnabled ?? true;
        settings.AlertGroupingFields = [.. fields];
        settings.AlertGroupingWindow = write.AlertGroupingWindow!.Value;
        settings.AutoPullOnAlert = write.AutoPullOnAlert ?? true;
        settings.ScheduledPullsEnabled = write.ScheduledPullsEnabled ?? false;
        settings.ScheduledPullInterval = write.ScheduledPullInterval!.Value;
        settings.CommandNameProperty = write.CommandNameProperty!.Trim();
        settings.CommandParametersProperty = write.CommandParametersProperty!.Trim();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.PreconditionFailed("settings");
        }

        commandMessageNames.Invalidate();

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

    private static SettingsWrite ToWrite(IoTSettings s) => new(
        s.DefaultProviderInstanceId,
        s.AlertGroupingEnabled,
        s.AlertGroupingFields,
        s.AlertGroupingWindow,
        s.AutoPullOnAlert,
        s.ScheduledPullsEnabled,
        s.ScheduledPullInterval,
        s.CommandNameProperty,
        s.CommandParametersProperty);
}
