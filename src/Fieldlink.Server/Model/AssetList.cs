using Fieldlink.Core.Data;
using Fieldlink.Sdk;
using Fieldlink.Server.Api.Assets;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// Loads a page of the customer assets list through the API's collection query layer, then for that page the account
/// names, the devices' registration statuses and the last command sent: one query per kind, never one per row.
/// </summary>
public sealed class AssetList(IServiceScopeFactory scopes)
{
    private static readonly CustomerAssetResource Resource = new();

    public async Task<ListPage<AssetRow>> LoadAsync(AssetListQuery request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var (assets, total) = await StoreQuery.PageAsync(db.CustomerAssets.AsNoTracking(), Resource, request.ToQueryOptions(), ct);
        if (assets.Count == 0)
        {
            return new([], total);
        }

        var ids = assets.Select(a => a.Id).ToList();
        var accountIds = StoreQuery.Ids(assets.Select(a => a.AccountId));
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var registrations = await RegistrationsAsync(db, ids, ct);
        var lastCommands = await LastCommandsAsync(db, ids, ct);
        var rows = assets.Select(a => new AssetRow(
            a.Id,
            a.Name,
            a.AccountId,
            StoreQuery.Name(accounts, a.AccountId),
            a.SerialNumber,
            a.Location,
            registrations.GetValueOrDefault(a.Id) ?? AssetRegistration.None,
            a.ActiveAlertCount,
            a.LastAlertAt,
            lastCommands.TryGetValue(a.Id, out var last) ? last : null)).ToList();
        return new(rows, total);
    }

    /// <summary>Each asset's registration status, from its devices' (one query for all the assets).</summary>
    internal static async Task<Dictionary<Guid, AssetRegistration>> RegistrationsAsync(FieldlinkDbContext db, List<Guid> assetIds, CancellationToken ct)
    {
        var statuses = await db.Devices.AsNoTracking().Where(d => d.CustomerAssetId != null && assetIds.Contains(d.CustomerAssetId.Value))
            .GroupBy(d => new { Asset = d.CustomerAssetId!.Value, d.RegistrationStatus })
            .Select(g => new { g.Key.Asset, g.Key.RegistrationStatus, Count = g.Count() })
            .ToListAsync(ct);
        return statuses.GroupBy(s => s.Asset).ToDictionary(
            g => g.Key,
            g => AssetRegistration.Of(g.SelectMany(s => Enumerable.Repeat(s.RegistrationStatus, s.Count)).ToList()));
    }

    /// <summary>When each asset's last command was queued: a command to it, or to one of its devices.</summary>
    internal static async Task<Dictionary<Guid, DateTimeOffset>> LastCommandsAsync(FieldlinkDbContext db, List<Guid> assetIds, CancellationToken ct)
    {
        var byAsset = await db.Commands.AsNoTracking().Where(c => c.CustomerAssetId != null && assetIds.Contains(c.CustomerAssetId.Value))
            .GroupBy(c => c.CustomerAssetId!.Value).Select(g => new { Asset = g.Key, Last = g.Max(c => c.CreatedAt) }).ToListAsync(ct);
        var byDevice = await db.Commands.AsNoTracking()
            .Join(db.Devices.Where(d => d.CustomerAssetId != null && assetIds.Contains(d.CustomerAssetId.Value)), c => c.DeviceRecordId, d => d.Id, (c, d) => new { Asset = d.CustomerAssetId!.Value, c.CreatedAt })
            .GroupBy(x => x.Asset).Select(g => new { Asset = g.Key, Last = g.Max(x => x.CreatedAt) }).ToListAsync(ct);
        return byAsset.Concat(byDevice).GroupBy(x => x.Asset).ToDictionary(g => g.Key, g => g.Max(x => x.Last));
    }
}
