using Fieldlink.Core.Alerts;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Server.Api.Alerts;
using Fieldlink.Server.Api.Collections;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// Loads a page of the alerts list through the API's collection query layer (<see cref="CollectionQuery"/>), then the
/// names of the devices, assets, accounts and providers on that page: one query per kind of name, never one per row.
/// Each load has a store scope of its own, as a circuit lives longer than a DbContext should.
/// </summary>
public sealed class AlertList(IServiceScopeFactory scopes)
{
    /// <summary>Devices whose name matches a search are looked up first; past this many the search names too many.</summary>
    private const int MaxDevicesNamedLikeSearch = 100;

    private static readonly AlertResource Resource = new();

    public async Task<ListPage<AlertRow>> LoadAsync(AlertListQuery request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();

        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var byName = Parse<Device>(AlertListQuery.DevicesNamedOptions(request.Search), "devices", []);
            var named = await byName.Filter(db.Devices.AsNoTracking())
                .OrderBy(d => d.Id).Select(d => d.Id).Take(MaxDevicesNamedLikeSearch).ToListAsync(ct);
            request = request with { DevicesNamedLikeSearch = named };
        }

        var query = Parse<Alert>(request.ToQueryOptions(), Resource.Collection, FieldNames.Of<AlertRead>());

        var filtered = query.Filter(db.Alerts.AsNoTracking());
        var total = await filtered.LongCountAsync(ct);
        var top = query.Top ?? request.PageSize;
        List<Alert> alerts;
        if (query.Skip > total / 2 && query.Skip < total)
        {
            // Past the middle, OFFSET would walk (and sort) most of the list; the same rows are the mirrored page of
            // the order read backwards, which an index reaches in as few rows as an early page (docs/benchmarks.md).
            var backwards = Parse<Alert>((request with { Backwards = true }).ToQueryOptions(), Resource.Collection, FieldNames.Of<AlertRead>());
            var fromEnd = total - query.Skip - top;
            alerts = await backwards.Order(filtered, Resource.DefaultOrder, idDescending: true)
                .Skip((int)Math.Max(fromEnd, 0)).Take((int)Math.Min(top, total - query.Skip)).ToListAsync(ct);
            alerts.Reverse();
        }
        else
        {
            alerts = await query.Order(filtered, Resource.DefaultOrder).Skip(query.Skip).Take(top).ToListAsync(ct);
        }

        if (alerts.Count == 0)
        {
            return new ListPage<AlertRow>([], total);
        }

        var deviceIds = Ids(alerts.Select(a => a.DeviceRecordId));
        var assetIds = Ids(alerts.Select(a => a.CustomerAssetId));
        var accountIds = Ids(alerts.Select(a => a.AccountId));
        var providerIds = alerts.Select(a => a.ProviderId).Distinct().ToList();
        var devices = await db.Devices.AsNoTracking().Where(d => deviceIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var assets = await db.CustomerAssets.AsNoTracking().Where(c => assetIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var providers = await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);

        var rows = alerts.Select(a => new AlertRow(
            a.Id,
            a.AlertTime,
            a.DeviceRecordId is { } device && devices.TryGetValue(device, out var deviceName) ? deviceName : a.DeviceId,
            Name(assets, a.CustomerAssetId),
            Name(accounts, a.AccountId),
            providers.GetValueOrDefault(a.ProviderId),
            a.AlertType,
            a.Description,
            a.ChildCount,
            a.Status)).ToList();
        return new ListPage<AlertRow>(rows, total);
    }

    private static CollectionQuery Parse<TEntity>(Dictionary<string, string> options, string collection, IReadOnlyCollection<string> selectable) =>
        CollectionOptions.Parse<TEntity>(options, collection, selectable);

    private static List<Guid> Ids(IEnumerable<Guid?> ids) => ids.OfType<Guid>().Distinct().ToList();

    private static string? Name(Dictionary<Guid, string> names, Guid? id) => id is { } key ? names.GetValueOrDefault(key) : null;
}
