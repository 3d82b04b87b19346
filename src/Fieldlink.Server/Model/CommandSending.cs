using System.Security.Claims;
using System.Text.Json.Nodes;
using Fieldlink.Core.Actions;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Server.Api.Commands;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// Sends a command from a page as the API does (<c>POST /devices/{id}/commands</c>, <c>/customerAssets/{id}/commands</c>):
/// the person must pass <see cref="AuthPolicies.Dispatch"/>; devices that could only fail are left out (refused when
/// none is left); the alert must exist; each device is held to its category's definition; then the commands are queued
/// and the alert's group moves to InProgress. Each call has a store scope of its own.
/// </summary>
public sealed class CommandSending(IServiceScopeFactory scopes, IAuthorizationService authorization)
{
    /// <summary>
    /// The command definitions the form offers for <paramref name="target"/>: its devices' category's, when they all share
    /// one; none (free JSON, each device still checked when sent) when they have no category or several.
    /// </summary>
    public async Task<IReadOnlyList<CommandDefinition>> DefinitionsAsync(CommandTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var devices = Devices(db, target);
        // Two are enough to tell "one category" from "several"; ordered, as a row limit without an order warns (and is not stable).
        var categories = await devices.Select(d => d.CategoryId).Distinct().OrderBy(c => c).Take(2).ToListAsync(ct);
        if (categories is not [{ } categoryId])
        {
            return [];
        }

        var category = await db.DeviceCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == categoryId, ct);
        return category?.Commands ?? [];
    }

    public async Task<CommandSendResult> SendAsync(ClaimsPrincipal person, CommandTarget target, string name, JsonObject? parameters, Guid? alertId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(target);
        if (!(await authorization.AuthorizeAsync(person, AuthPolicies.Dispatch)).Succeeded)
        {
            return CommandSendResult.Refused("Only a Dispatcher or an Administrator may send commands.");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return CommandSendResult.Refused("The command needs a name.", new Dictionary<string, string[]> { ["name"] = ["The command's name is required."] });
        }

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<FieldlinkDbContext>();
        var router = services.GetRequiredService<ActionRouter>();
        var all = await Devices(db, target).OrderBy(d => d.Name).Select(d => d.Id).ToListAsync(ct);
        if (all.Count == 0)
        {
            return CommandSendResult.Refused(target.CustomerAssetId is null ? "The device no longer exists." : "The customer asset has no devices to send the command to.");
        }

        var targets = await router.ResolveAsync(all, ct);
        var refusals = targets.Select(t => CommandsApi.Unsendable(router, t)).OfType<Core.Outcomes.Refusal>().ToList();
        var sendable = targets.Where(t => CommandsApi.Unsendable(router, t) is null).Select(t => t.Device.Id).ToList();
        if (sendable.Count == 0)
        {
            return CommandSendResult.Refused(string.Join(" ", refusals.Select(r => r.Message).Distinct()));
        }

        if (alertId is { } alert && !await db.Alerts.AnyAsync(a => a.Id == alert, ct))
        {
            return CommandSendResult.Refused("The alert no longer exists.");
        }

        var errors = await services.GetRequiredService<CommandDefinitions>().CheckAsync(sendable, name.Trim(), parameters, ct);
        if (errors.Count > 0)
        {
            return CommandSendResult.Refused($"The command does not fit its definition: {string.Join(" ", errors.SelectMany(e => e.Value))}", errors);
        }

        var commands = await services.GetRequiredService<CommandIntake>().EnqueueAsync(sendable, new CommandRequest(name.Trim(), parameters, alertId, null, null), target.CustomerAssetId, ct);
        if (alertId is { } answered)
        {
            await services.GetRequiredService<AlertLifecycle>().CommandSentAsync(answered, ct);
        }

        return new CommandSendResult(commands.Count, null, new Dictionary<string, string[]>());
    }

    private static IQueryable<Device> Devices(FieldlinkDbContext db, CommandTarget target)
    {
        var devices = db.Devices.AsNoTracking();
        if (target.CustomerAssetId is { } assetId)
        {
            return devices.Where(d => d.CustomerAssetId == assetId);
        }

        var ids = target.DeviceIds.ToList();
        return devices.Where(d => ids.Contains(d.Id));
    }
}
