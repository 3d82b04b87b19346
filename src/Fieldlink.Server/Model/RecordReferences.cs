using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// The names a page of cases or work orders shows for what they refer to — each alert's description and device, the
/// accounts, the customer assets — read with one query per kind of record, never one per row.
/// </summary>
internal sealed class RecordReferences
{
    private readonly Dictionary<Guid, AlertName> _alerts;
    private readonly Dictionary<Guid, string> _accounts;
    private readonly Dictionary<Guid, string> _assets;

    private RecordReferences(Dictionary<Guid, AlertName> alerts, Dictionary<Guid, string> accounts, Dictionary<Guid, string> assets)
    {
        _alerts = alerts;
        _accounts = accounts;
        _assets = assets;
    }

    /// <summary>An alert's description and its device: the device's id and name (the vendor's device id when not registered).</summary>
    public sealed record AlertName(string Description, Guid? DeviceRecordId, string Device);

    public static async Task<RecordReferences> LoadAsync(
        FieldlinkDbContext db, IEnumerable<Guid?> alertIds, IEnumerable<Guid?> accountIds, IEnumerable<Guid?> assetIds, CancellationToken ct)
    {
        var alertKeys = StoreQuery.Ids(alertIds);
        var alerts = await db.Alerts.AsNoTracking().Where(a => alertKeys.Contains(a.Id))
            .Select(a => new { a.Id, a.Description, a.DeviceRecordId, a.DeviceId }).ToListAsync(ct);
        var deviceKeys = StoreQuery.Ids(alerts.Select(a => a.DeviceRecordId));
        var devices = await db.Devices.AsNoTracking().Where(d => deviceKeys.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var accountKeys = StoreQuery.Ids(accountIds);
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountKeys.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var assetKeys = StoreQuery.Ids(assetIds);
        var assets = await db.CustomerAssets.AsNoTracking().Where(c => assetKeys.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return new(
            alerts.ToDictionary(a => a.Id, a => new AlertName(
                a.Description, a.DeviceRecordId, StoreQuery.Name(devices, a.DeviceRecordId) ?? a.DeviceId)),
            accounts,
            assets);
    }

    public AlertName? Alert(Guid id) => _alerts.GetValueOrDefault(id);

    public string? Account(Guid? id) => StoreQuery.Name(_accounts, id);

    public string? Asset(Guid? id) => StoreQuery.Name(_assets, id);
}
