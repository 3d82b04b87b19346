using System.Security.Claims;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Cases;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.WorkOrders;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// What a person does to alerts from the alerts list or an alert's page — change the status, create a case, create the
/// case's work order, pull the device's data — for one alert or a selection, through the Core services the API calls.
/// Each action checks the person against <see cref="AuthPolicies.Dispatch"/> first and writes nothing when it fails;
/// it answers with the Core refusal's own words.
/// </summary>
public sealed class AlertActions(IServiceScopeFactory scopes, IAuthorizationService authorization)
{
    /// <summary>
    /// Moves the groups of <paramref name="alertIds"/> to <paramref name="to"/> with the person's <paramref name="note"/>,
    /// as the API's PATCH does (<see cref="AlertLifecycle.ChangeAsync"/>: Manual, or Reopened from Closed).
    /// </summary>
    public async Task<ActionAnswer> ChangeStatusAsync(ClaimsPrincipal person, IReadOnlyCollection<Guid> alertIds, AlertStatus to, string? note, CancellationToken ct)
    {
        if (!await MayAsync(person))
        {
            return ActionAnswer.NotAllowed;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var lifecycle = scope.ServiceProvider.GetRequiredService<AlertLifecycle>();
        var refusals = new List<string>();
        var moved = 0;
        foreach (var id in alertIds.Distinct())
        {
            var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
            if (alert is null)
            {
                refusals.Add($"There is no alert with id {id}.");
                continue;
            }

            if (await lifecycle.ChangeAsync(alert, to, note, ct) is { } refused)
            {
                refusals.Add(refused.Message);
                continue;
            }

            moved++;
        }

        return Summarize(moved, refusals, $"{Alerts(moved)} {(moved == 1 ? "is" : "are")} now {to}.");
    }

    /// <summary>Creates a case from each alert (the rest from the alert, as <c>POST /alerts/{id}/case</c> does).</summary>
    public async Task<ActionAnswer> CreateCasesAsync(ClaimsPrincipal person, IReadOnlyCollection<Guid> alertIds, CancellationToken ct)
    {
        if (!await MayAsync(person))
        {
            return ActionAnswer.NotAllowed;
        }

        var refusals = new List<string>();
        var numbers = new List<string>();
        Guid? created = null;
        foreach (var id in alertIds.Distinct())
        {
            await using var scope = scopes.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<CaseLifecycle>().CreateFromAlertAsync(id, null, null, ct);
            if (outcome.Refusal is { } refusal)
            {
                refusals.Add(refusal.Message);
                continue;
            }

            numbers.Add(outcome.Value!.Number);
            created = outcome.Value.Id;
        }

        var answer = Summarize(numbers.Count, refusals, numbers.Count == 1 ? $"Case {numbers[0]} created." : $"Cases {string.Join(", ", numbers)} created.");
        return numbers.Count == 1 ? answer with { CreatedId = created } : answer;
    }

    /// <summary>Creates a work order for the case (account, asset and incident from the case and its alert).</summary>
    public async Task<ActionAnswer> CreateWorkOrderAsync(ClaimsPrincipal person, Guid caseId, CancellationToken ct)
    {
        if (!await MayAsync(person))
        {
            return ActionAnswer.NotAllowed;
        }

        await using var scope = scopes.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<WorkOrderLifecycle>().CreateForCaseAsync(caseId, null, ct);
        return outcome.Refusal is { } refusal
            ? ActionAnswer.Refused(refusal.Message)
            : new ActionAnswer(true, $"Work order {outcome.Value!.Number} created.") { CreatedId = outcome.Value.Id };
    }

    /// <summary>Pulls the current data of the devices the alerts came from (alerts matched to no device have none to pull).</summary>
    public async Task<ActionAnswer> PullDeviceDataAsync(ClaimsPrincipal person, IReadOnlyCollection<Guid> alertIds, CancellationToken ct)
    {
        if (!await MayAsync(person))
        {
            return ActionAnswer.NotAllowed;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var ids = alertIds.Distinct().ToList();
        var devices = await db.Alerts.AsNoTracking().Where(a => ids.Contains(a.Id) && a.DeviceRecordId != null)
            .Select(a => a.DeviceRecordId!.Value).Distinct().ToListAsync(ct);
        if (devices.Count == 0)
        {
            return ActionAnswer.Refused(ids.Count == 1
                ? "This alert's device is not registered in Fieldlink: there is no device to pull data from."
                : "None of these alerts' devices is registered in Fieldlink: there is no device to pull data from.");
        }

        var results = await scope.ServiceProvider.GetRequiredService<DevicePuller>().PullAsync(devices, ct);
        var refusals = results.Where(r => r.Refusal is not null).Select(r => r.Refusal!.Message).ToList();
        var pulled = results.Count - refusals.Count;
        return Summarize(pulled, refusals, pulled == 1 ? "Pulled the device's data." : $"Pulled the data of {pulled} devices.");
    }

    private async Task<bool> MayAsync(ClaimsPrincipal person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return (await authorization.AuthorizeAsync(person, AuthPolicies.Dispatch)).Succeeded;
    }

    /// <summary>One sentence for a selection: what was done, and the first refusal's words when some were refused.</summary>
    private static ActionAnswer Summarize(int done, List<string> refusals, string doneMessage) => refusals.Count switch
    {
        0 => new ActionAnswer(true, doneMessage),
        _ when done == 0 => ActionAnswer.Refused(refusals.Count == 1 ? refusals[0] : $"{refusals.Count} refused: {refusals[0]}"),
        _ => new ActionAnswer(false, $"{doneMessage} {refusals.Count} refused: {refusals[0]}"),
    };

    private static string Alerts(int count) => count == 1 ? "1 alert" : $"{count} alerts";
}
