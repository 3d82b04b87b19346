using System.Globalization;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Alerts;
using Fieldlink.Server.Api.Commands;
using Fieldlink.Server.Api.Devices;
using Fieldlink.Server.Api.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// Loads the pages of one account, customer asset, case or work order: the record, the names it refers to, and its
/// lists (an asset's devices, alerts and commands; an account's assets and open alerts; a case's work orders), each
/// through the API's collection query layer and each capped at <see cref="Shown"/> rows with its total. A load has a
/// store scope of its own, as a circuit lives longer than a DbContext should.
/// </summary>
public sealed class RecordDetails(IServiceScopeFactory scopes, AssetList assetList)
{
    /// <summary>How many rows a record's page shows of each of its lists (newest first), beside how many there are.</summary>
    public const int Shown = 20;

    private static readonly AlertResource Alerts = new();
    private static readonly CommandResource Commands = new(withErrorDetail: false);
    private static readonly DeviceResource Devices = new();
    private static readonly WorkOrderResource WorkOrders = new();

    public async Task<AssetDetail?> AssetAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var asset = await db.CustomerAssets.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (asset is null)
        {
            return null;
        }

        var account = asset.AccountId is { } accountId
            ? await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Name).FirstOrDefaultAsync(ct)
            : null;
        var (devices, _) = await StoreQuery.PageAsync(db.Devices.AsNoTracking(), Devices, new()
        {
            ["$filter"] = $"customerAssetId eq {id}",
            ["$orderby"] = "name",
            ["$top"] = "200",
        }, ct);
        var registration = (await AssetList.RegistrationsAsync(db, [id], ct)).GetValueOrDefault(id) ?? AssetRegistration.None;
        var (alerts, alertTotal) = await AlertLinesAsync(db, $"parentAlertId eq null and customerAssetId eq {id}", ct);

        var commandFilter = devices.Count == 0
            ? $"customerAssetId eq {id}"
            : $"customerAssetId eq {id} or deviceRecordId in ({string.Join(',', devices.Select(d => d.Id))})";
        var (commands, commandTotal) = await StoreQuery.PageAsync(db.Commands.AsNoTracking(), Commands, Top(commandFilter), ct);
        var commandDevices = await DeviceNamesAsync(db, commands.Select(c => (Guid?)c.DeviceRecordId), ct);

        return new AssetDetail(
            asset,
            account,
            registration,
            [.. devices.Select(d => new DeviceLine(d.Id, d.Name, d.DeviceId, d.RegistrationStatus, d.ConnectionState, d.LastActivityAt))],
            alerts,
            alertTotal,
            [.. commands.Select(c => new CommandEntry(c.Id, c.CreatedAt, c.Name, c.DeviceRecordId, StoreQuery.Name(commandDevices, c.DeviceRecordId) ?? c.DeviceRecordId.ToString(), c.Status, c.Error))],
            commandTotal);
    }

    public async Task<AccountDetail?> AccountAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null)
        {
            return null;
        }

        var assets = await assetList.LoadAsync(new AssetListQuery { AccountId = id, PageSize = Shown }, ct);
        var (alerts, alertTotal) = await AlertLinesAsync(db, $"parentAlertId eq null and accountId eq {id} and status ne 'Closed'", ct);
        return new AccountDetail(account, assets.Rows, assets.Total, alerts, alertTotal);
    }

    public async Task<CaseDetail?> CaseAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (found is null)
        {
            return null;
        }

        var (alerts, _) = await AlertLinesAsync(db, $"id eq {found.AlertId}", ct);
        var names = await RecordReferences.LoadAsync(db, [], [found.AccountId], [found.CustomerAssetId], ct);
        var (orders, _) = await StoreQuery.PageAsync(db.WorkOrders.AsNoTracking(), WorkOrders, Top($"caseId eq {id}"), ct);
        return new CaseDetail(found, alerts.FirstOrDefault(), names.Account(found.AccountId), names.Asset(found.CustomerAssetId), await WorkOrderList.RowsAsync(db, orders, ct));
    }

    public async Task<WorkOrderDetail?> WorkOrderAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var order = await db.WorkOrders.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);
        if (order is null)
        {
            return null;
        }

        var source = await db.Cases.AsNoTracking().Where(c => c.Id == order.CaseId).Select(c => new { c.Number, c.Status }).SingleAsync(ct);
        var (alerts, _) = await AlertLinesAsync(db, $"id eq {order.AlertId}", ct);
        var names = await RecordReferences.LoadAsync(db, [], [order.AccountId], [order.CustomerAssetId], ct);
        return new WorkOrderDetail(order, source.Number, source.Status, alerts.FirstOrDefault(), names.Account(order.AccountId), names.Asset(order.CustomerAssetId));
    }

    /// <summary>The newest alerts matching <paramref name="filter"/>, with their devices' names, and how many match.</summary>
    private static async Task<(List<AlertLine> Lines, long Total)> AlertLinesAsync(FieldlinkDbContext db, string filter, CancellationToken ct)
    {
        var (alerts, total) = await StoreQuery.PageAsync<Alert, AlertRead>(db.Alerts.AsNoTracking(), Alerts, Top(filter), ct);
        var devices = await DeviceNamesAsync(db, alerts.Select(a => a.DeviceRecordId), ct);
        var lines = alerts.Select(a => new AlertLine(
            a.Id, a.AlertTime, a.AlertType, a.Description, a.ChildCount, a.Status, a.DeviceRecordId, StoreQuery.Name(devices, a.DeviceRecordId) ?? a.DeviceId)).ToList();
        return (lines, total);
    }

    private static async Task<Dictionary<Guid, string>> DeviceNamesAsync(FieldlinkDbContext db, IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var keys = StoreQuery.Ids(ids);
        return keys.Count == 0 ? [] : await db.Devices.AsNoTracking().Where(d => keys.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
    }

    private static Dictionary<string, string> Top(string filter) => new(StringComparer.Ordinal)
    {
        ["$filter"] = filter,
        ["$top"] = Shown.ToString(CultureInfo.InvariantCulture),
        ["$count"] = "true",
    };
}
