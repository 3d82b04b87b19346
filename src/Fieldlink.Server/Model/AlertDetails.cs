using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>Loads an alert's page (<see cref="AlertDetail"/>) in one store scope; one query per kind of record.</summary>
public sealed class AlertDetails(IServiceScopeFactory scopes)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The alert's page, or null when there is no alert with this id.</summary>
    public async Task<AlertDetail?> LoadAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null)
        {
            return null;
        }

        var provider = await db.Providers.AsNoTracking().Where(p => p.Id == alert.ProviderId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        var instance = await db.ProviderInstances.AsNoTracking().Where(i => i.Id == alert.ProviderInstanceId).Select(i => i.Name).FirstOrDefaultAsync(ct);
        var device = alert.DeviceRecordId is { } deviceId
            ? await db.Devices.AsNoTracking().Where(d => d.Id == deviceId).Select(d => new NamedRecord(d.Id, d.Name)).FirstOrDefaultAsync(ct)
            : null;
        var asset = alert.CustomerAssetId is { } assetId
            ? await db.CustomerAssets.AsNoTracking().Where(c => c.Id == assetId).Select(c => new NamedRecord(c.Id, c.Name)).FirstOrDefaultAsync(ct)
            : null;
        var account = alert.AccountId is { } accountId
            ? await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => new NamedRecord(a.Id, a.Name)).FirstOrDefaultAsync(ct)
            : null;
        var children = await db.Alerts.AsNoTracking().Where(a => a.ParentAlertId == id).OrderByDescending(a => a.AlertTime)
            .Take(AlertDetail.ChildrenShown).Select(a => new AlertDetail.Child(a.Id, a.AlertTime, a.Description, a.Status)).ToListAsync(ct);

        // A command answers the alert it names; on a parent, those naming one of its children answer the group too.
        var commands = await db.Commands.AsNoTracking()
            .Where(c => c.AlertId == id || (alert.ParentAlertId == null && db.Alerts.Any(a => a.Id == c.AlertId && a.ParentAlertId == id)))
            .OrderByDescending(c => c.CreatedAt).Take(50)
            .Select(c => new { c.Id, c.Name, c.Status, c.CreatedAt, c.DeviceRecordId }).ToListAsync(ct);
        var commandDevices = commands.Select(c => c.DeviceRecordId).Distinct().ToList();
        var deviceNames = await db.Devices.AsNoTracking().Where(d => commandDevices.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);

        var caseLink = alert.CaseId is { } caseId
            ? await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new AlertDetail.CaseLink(c.Id, c.Number, c.Title, c.Status)).FirstOrDefaultAsync(ct)
            : null;
        var workOrders = caseLink is null
            ? []
            : await db.WorkOrders.AsNoTracking().Where(w => w.CaseId == caseLink.Id).OrderBy(w => w.CreatedAt)
                .Select(w => new AlertDetail.WorkOrderLink(w.Id, w.Number, w.Status)).ToListAsync(ct);

        return new AlertDetail(
            alert.Id, alert.AlertTime, alert.AlertType, alert.Status, alert.StatusReason, alert.StatusNote, alert.Description, provider, instance, alert.DeviceId,
            device, asset, account, alert.Url, Pretty(alert.Data), alert.ParentAlertId, alert.ChildCount, children,
            [.. commands.Select(c => new AlertDetail.SentCommand(c.Id, c.Name, c.Status, c.CreatedAt, deviceNames.GetValueOrDefault(c.DeviceRecordId) ?? c.DeviceRecordId.ToString()))],
            caseLink, workOrders);
    }

    /// <summary>The alert's data indented for reading; as stored when it is not JSON (it always is, as ingestion checks it).</summary>
    public static string? Pretty(string? data)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(data)?.ToJsonString(Indented) ?? data;
        }
        catch (JsonException)
        {
            return data;
        }
    }
}
