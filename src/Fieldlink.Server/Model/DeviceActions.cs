using System.Security.Claims;
using Fieldlink.Core.Actions;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Server.Api.Actions;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// Registers devices or pulls their data for a person, through the same Core action routing as
/// <c>POST /api/v1/devices/register</c> and <c>/pull</c> (<see cref="DeviceRegistrar"/>, <see cref="DevicePuller"/>:
/// batched per provider instance, a history record per device). The person must pass <see cref="AuthPolicies.Dispatch"/>:
/// a page hides the buttons from others, and an action sent anyway is refused here, before anything is written.
/// </summary>
public sealed class DeviceActions(IServiceScopeFactory scopes)
{
    public Task<DeviceActionReport> RegisterAsync(ClaimsPrincipal person, IReadOnlyList<Guid> deviceIds, CancellationToken ct) =>
        RunAsync(DeviceAction.Register, person, deviceIds, ct);

    public Task<DeviceActionReport> PullAsync(ClaimsPrincipal person, IReadOnlyList<Guid> deviceIds, CancellationToken ct) =>
        RunAsync(DeviceAction.Pull, person, deviceIds, ct);

    public async Task<DeviceActionReport> RunAsync(DeviceAction action, ClaimsPrincipal person, IReadOnlyList<Guid> deviceIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(deviceIds);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var authorization = services.GetRequiredService<IAuthorizationService>();
        if (!(await authorization.AuthorizeAsync(person, AuthPolicies.Dispatch)).Succeeded)
        {
            return new DeviceActionReport(action, [], "Only a Dispatcher or an Administrator may register devices or pull their data.");
        }

        var ids = deviceIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new DeviceActionReport(action, [], "Select one or more devices first.");
        }

        if (ids.Count > DeviceActionsApi.MaxBatch)
        {
            return new DeviceActionReport(action, [], $"Select at most {DeviceActionsApi.MaxBatch} devices at once.");
        }

        var db = services.GetRequiredService<FieldlinkDbContext>();
        var names = await db.Devices.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        string Name(Guid id) => names.GetValueOrDefault(id) ?? id.ToString();

        IReadOnlyList<DeviceActionLine> lines;
        if (action == DeviceAction.Register)
        {
            var results = await services.GetRequiredService<DeviceRegistrar>().RegisterAsync(ids, ct);
            lines = [.. results.Select(r => new DeviceActionLine(r.DeviceId, Name(r.DeviceId), Done(r),
                r.Refusal?.Message ?? Words($"Registration status: {r.History?.Status}", r.History?.Message)))];
        }
        else
        {
            var results = await services.GetRequiredService<DevicePuller>().PullAsync(ids, ct);
            lines = [.. results.Select(r => new DeviceActionLine(r.DeviceId, Name(r.DeviceId), Done(r),
                r.Refusal?.Message ?? Words(r.History?.Status is { } status ? $"Data pulled: {status}" : "Data pulled", r.History?.Message)))];
        }

        return new DeviceActionReport(action, lines);
    }

    /// <summary>Done: the provider answered for the device (a pull whose data could not be stored failed, though not refused).</summary>
    private static bool Done<THistory>(DeviceActionResult<THistory> result)
        where THistory : class =>
        result.Refusal is null && result.History switch
        {
            RegistrationHistory h => h.Outcome == ActionOutcome.Succeeded,
            DeviceDataHistory h => h.Outcome == ActionOutcome.Succeeded,
            _ => true,
        };

    private static string Words(string what, string? message) => string.IsNullOrWhiteSpace(message) ? what : $"{what} ({message})";
}
