using Fieldlink.Core.Alerts;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Outcomes;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Actions;

/// <summary>
/// A device's events, drawn as pins on its readings chart: from its provider when the connector has them, otherwise
/// from Fieldlink's own records of the device: its alerts, registrations, data pulls, commands, and the cases and work orders
/// made from its alerts (each step of their lifecycle a pin, as the reference's "Work Order Created"). Each kind has
/// its own colour (alerts pink, registrations green, data pulls blue, commands teal, cases purple, work orders orange, the later
/// steps of a case or work order darker shades of its colour); whatever failed is red and whatever was called off grey,
/// so a pin's colour alone tells a failure from a success.
/// </summary>
public sealed class DeviceEvents(ActionRouter router, FieldlinkDbContext db)
{
    public const string AlertSeries = "Alerts";
    public const string RegistrationSeries = "Registrations";
    public const string PullSeries = "Data pulls";
    public const string CommandSeries = "Commands";
    public const string CaseSeries = "Cases";
    public const string WorkOrderSeries = "Work orders";

    /// <summary>The pin of anything that failed, whatever its kind: a failed registration, data pull or command.</summary>
    public const string FailedColor = "#C62828";

    /// <summary>The pin of what was called off or came to nothing: an expired or canceled command, a canceled case or work order.</summary>
    public const string EndedColor = "#757575";

    /// <summary>
    /// A command's pin: teal, its own colour (the orange of "Work order created" is the reference's), pale while the
    /// command is on its way; red when it failed or timed out, grey when it expired or was canceled, as any failed or
    /// called-off pin.
    /// </summary>
    public static string CommandColor(CommandStatus status) => status switch
    {
        CommandStatus.Succeeded => "#00838F",
        CommandStatus.Failed or CommandStatus.TimedOut => FailedColor,
        CommandStatus.Expired or CommandStatus.Canceled => EndedColor,
        _ => "#80CBC4",
    };

    /// <summary>An alert's pin (a parent alert's: its repeats are grouped under it): pink, paler as it is dealt with, grey once closed.</summary>
    public static string AlertColor(AlertStatus status) => status switch
    {
        AlertStatus.Active => "#AD1457",
        AlertStatus.InProgress => "#F06292",
        _ => EndedColor,
    };

    public async Task<Outcome<IReadOnlyList<DeviceEventSeries>>> GetAsync(Guid deviceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var target = await router.ResolveAsync(deviceId, cancellationToken);
        if (target.Value is not { } found)
        {
            return new Outcome<IReadOnlyList<DeviceEventSeries>>(target.Refusal!);
        }

        if (router.Supports<IGetDeviceEvents>(found))
        {
            var query = new DeviceEventsQuery(found.Device.ToRef(), from, to);
            return await router.RunAsync<IGetDeviceEvents, IReadOnlyList<DeviceEventSeries>>(ConnectorAction.GetDeviceEvents, found, (c, ct) => c.GetDeviceEventsAsync(query, ct), cancellationToken);
        }

        return new(await FromStoreAsync(deviceId, from, to, cancellationToken));
    }

    private async Task<IReadOnlyList<DeviceEventSeries>> FromStoreAsync(Guid deviceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.DeviceRecordId == deviceId && a.ParentAlertId == null && a.AlertTime >= from && a.AlertTime < to)
            .OrderBy(a => a.AlertTime).ToListAsync(cancellationToken);
        var registrations = await db.RegistrationHistory.AsNoTracking()
            .Where(h => h.DeviceRecordId == deviceId && h.CreatedAt >= from && h.CreatedAt < to)
            .OrderBy(h => h.CreatedAt).ToListAsync(cancellationToken);
        var pulls = await db.DeviceDataHistory.AsNoTracking()
            .Where(h => h.DeviceRecordId == deviceId && h.CreatedAt >= from && h.CreatedAt < to)
            .OrderBy(h => h.CreatedAt).ToListAsync(cancellationToken);
        var commands = await db.Commands.AsNoTracking()
            .Where(c => c.DeviceRecordId == deviceId && c.CreatedAt >= from && c.CreatedAt < to)
            .OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
        var (cases, workOrders) = await ServiceHistoryAsync(deviceId, from, to, cancellationToken);
        return
        [
            new DeviceEventSeries(AlertSeries, [.. alerts.Select(a => new DeviceEvent(
                a.AlertTime, AlertColor(a.Status), $"Alert ({a.AlertType}): {Shorten(a.Description)}", a.Id.ToString(), "alert", RecordId: a.Id))]),
            new DeviceEventSeries(RegistrationSeries, [.. registrations.Select(h => new DeviceEvent(
                h.CreatedAt, h.Outcome == ActionOutcome.Succeeded ? "#2E7D32" : FailedColor, $"Registration: {h.Status}", h.Id.ToString(), "registration", RecordId: h.Id))]),
            new DeviceEventSeries(PullSeries, [.. pulls.Select(h => new DeviceEvent(
                h.CreatedAt, h.Outcome == ActionOutcome.Succeeded ? "#1565C0" : FailedColor, h.Outcome == ActionOutcome.Succeeded ? "Data pulled" : "Data pull failed", h.Id.ToString(), "deviceData", RecordId: h.Id))]),
            new DeviceEventSeries(CommandSeries, [.. commands.Select(c => new DeviceEvent(
                c.CreatedAt, CommandColor(c.Status), $"Command {c.Name}: {c.Status}", c.Id.ToString(), "command", RecordId: c.Id))]),
            new DeviceEventSeries(CaseSeries, cases),
            new DeviceEventSeries(WorkOrderSeries, workOrders),
        ];
    }

    /// <summary>A pin's words stay short: an alert's description may be 2000 characters.</summary>
    private static string Shorten(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 119), "…");

    /// <summary>
    /// The pins of the cases that cover the device's alerts (the alert a case came from, or any it links), and of their
    /// work orders: one per step in the range.
    /// </summary>
    private async Task<(List<DeviceEvent> Cases, List<DeviceEvent> WorkOrders)> ServiceHistoryAsync(Guid deviceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var deviceCases = db.Cases.Where(c => db.Alerts.Any(a => a.DeviceRecordId == deviceId && (a.Id == c.AlertId || a.CaseId == c.Id)));
        var cases = await deviceCases.AsNoTracking()
            .Where(c => (c.CreatedAt >= from && c.CreatedAt < to) || (c.ResolvedAt >= from && c.ResolvedAt < to) || (c.CanceledAt >= from && c.CanceledAt < to))
            .ToListAsync(cancellationToken);
        var workOrders = await db.WorkOrders.AsNoTracking()
            .Where(w => deviceCases.Any(c => c.Id == w.CaseId))
            .Where(w => (w.CreatedAt >= from && w.CreatedAt < to) || (w.ScheduledAt >= from && w.ScheduledAt < to) || (w.StartedAt >= from && w.StartedAt < to)
                || (w.CompletedAt >= from && w.CompletedAt < to) || (w.ClosedAt >= from && w.ClosedAt < to) || (w.CanceledAt >= from && w.CanceledAt < to))
            .ToListAsync(cancellationToken);

        bool InRange(DateTimeOffset? time) => time >= from && time < to;

        var casePins = cases.SelectMany(c => new (DateTimeOffset? At, string Color, string What)[]
            {
                (c.CreatedAt, "#6A1B9A", "Case created"),
                (c.ResolvedAt, "#4A148C", "Case resolved"),
                (c.CanceledAt, EndedColor, "Case canceled"),
            }
            .Where(p => InRange(p.At))
            .Select(p => new DeviceEvent(p.At!.Value, p.Color, p.What, c.Number, "case", RecordId: c.Id)));
        var workOrderPins = workOrders.SelectMany(w => new (DateTimeOffset? At, string Color, string What)[]
            {
                (w.CreatedAt, "#FF6300", "Work order created"),
                (w.ScheduledAt, "#FFA000", "Work order scheduled"),
                (w.StartedAt, "#F57C00", "Work order started"),
                (w.CompletedAt, "#E65100", "Work order completed"),
                (w.ClosedAt, "#BF360C", "Work order closed"),
                (w.CanceledAt, EndedColor, "Work order canceled"),
            }
            .Where(p => InRange(p.At))
            .Select(p => new DeviceEvent(p.At!.Value, p.Color, p.What, w.Number, "workOrder", RecordId: w.Id)));
        return ([.. casePins.OrderBy(e => e.Timestamp)], [.. workOrderPins.OrderBy(e => e.Timestamp)]);
    }
}
