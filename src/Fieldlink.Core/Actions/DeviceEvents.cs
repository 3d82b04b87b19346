using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Actions;

/// <summary>
/// A device's events, drawn as pins on its readings chart: from its provider when the connector has them, otherwise
/// from Fieldlink's own records of the device: registrations, data pulls and commands.
/// </summary>
public sealed class DeviceEvents(ActionRouter router, FieldlinkDbContext db)
{
    public const string RegistrationSeries = "Registrations";
    public const string PullSeries = "Data pulls";
    public const string CommandSeries = "Commands";

    public async Task<ActionResult<IReadOnlyList<DeviceEventSeries>>> GetAsync(Guid deviceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var target = await router.ResolveAsync(deviceId, cancellationToken);
        if (target.Value is not { } found)
        {
            return new ActionResult<IReadOnlyList<DeviceEventSeries>>(null, target.Error);
        }

        if (router.Supports<IGetDeviceEvents>(found))
        {
            var query = new DeviceEventsQuery(found.Device.ToRef(), from, to);
            return await router.RunAsync<IGetDeviceEvents, IReadOnlyList<DeviceEventSeries>>(ConnectorAction.GetDeviceEvents, found, (c, ct) => c.GetDeviceEventsAsync(query, ct), cancellationToken);
        }

        return ActionResults.Ok(await FromStoreAsync(deviceId, from, to, cancellationToken));
    }

    private async Task<IReadOnlyList<DeviceEventSeries>> FromStoreAsync(Guid deviceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var registrations = await db.RegistrationHistory.AsNoTracking()
            .Where(h => h.DeviceRecordId == deviceId && h.CreatedAt >= from && h.CreatedAt < to)
            .OrderBy(h => h.CreatedAt).ToListAsync(cancellationToken);
        var pulls = await db.DeviceDataHistory.AsNoTracking()
            .Where(h => h.DeviceRecordId == deviceId && h.CreatedAt >= from && h.CreatedAt < to)
            .OrderBy(h => h.CreatedAt).ToListAsync(cancellationToken);
        var commands = await db.Commands.AsNoTracking()
            .Where(c => c.DeviceRecordId == deviceId && c.CreatedAt >= from && c.CreatedAt < to)
            .OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
        return
        [
            new DeviceEventSeries(RegistrationSeries, [.. registrations.Select(h => new DeviceEvent(
                h.CreatedAt, h.Outcome == ActionOutcome.Succeeded ? "#2E7D32" : "#C62828", $"Registration: {h.Status}", h.Id.ToString(), "registration", RecordId: h.Id))]),
            new DeviceEventSeries(PullSeries, [.. pulls.Select(h => new DeviceEvent(
                h.CreatedAt, h.Outcome == ActionOutcome.Succeeded ? "#1565C0" : "#C62828", h.Outcome == ActionOutcome.Succeeded ? "Data pulled" : "Data pull failed", h.Id.ToString(), "deviceData", RecordId: h.Id))]),
            new DeviceEventSeries(CommandSeries, [.. commands.Select(c => new DeviceEvent(
                c.CreatedAt, "#FF6300", $"Command {c.Name}: {c.Status}", c.Id.ToString(), "command", RecordId: c.Id))]),
        ];
    }
}
