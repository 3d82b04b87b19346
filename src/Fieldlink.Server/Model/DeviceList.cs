using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Devices;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// Loads a page of the devices list through the API's collection query layer (<see cref="CollectionQuery"/>), then the
/// names of the provider instances, assets and categories on that page: one query per kind of name, never one per row.
/// Each load has a store scope of its own, as a circuit lives longer than a DbContext should.
/// </summary>
public sealed class DeviceList(IServiceScopeFactory scopes)
{
    private static readonly DeviceResource Resource = new();

    public async Task<ListPage<DeviceRow>> LoadAsync(DeviceListQuery request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();

        var query = CollectionOptions.Parse<Device>(request.ToQueryOptions(), Resource.Collection, FieldNames.Of<DeviceRead>());
        var filtered = query.Filter(db.Devices.AsNoTracking());
        var total = await filtered.LongCountAsync(ct);
        var devices = await query.Order(filtered, Resource.DefaultOrder).Skip(query.Skip).Take(query.Top ?? request.PageSize).ToListAsync(ct);
        if (devices.Count == 0)
        {
            return new ListPage<DeviceRow>([], total);
        }

        var instanceIds = devices.Select(d => d.ProviderInstanceId).Distinct().ToList();
        var assetIds = devices.Select(d => d.CustomerAssetId).OfType<Guid>().Distinct().ToList();
        var categoryIds = devices.Select(d => d.CategoryId).OfType<Guid>().Distinct().ToList();
        var instances = await db.ProviderInstances.AsNoTracking().Where(i => instanceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var assets = await db.CustomerAssets.AsNoTracking().Where(c => assetIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var categories = await db.DeviceCategories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);

        var rows = devices.Select(d => new DeviceRow(
            d.Id,
            d.Name,
            d.DeviceId,
            d.RegistrationStatus,
            d.ConnectionState,
            d.LastActivityAt,
            instances.GetValueOrDefault(d.ProviderInstanceId),
            d.CustomerAssetId,
            d.CustomerAssetId is { } asset ? assets.GetValueOrDefault(asset) : null,
            d.CategoryId is { } category ? categories.GetValueOrDefault(category) : null)).ToList();
        return new ListPage<DeviceRow>(rows, total);
    }

    /// <summary>The provider instances to filter by, by name.</summary>
    public async Task<IReadOnlyList<NamedRecord>> InstancesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        return await db.ProviderInstances.AsNoTracking().OrderBy(i => i.Name).Select(i => new NamedRecord(i.Id, i.Name)).ToListAsync(ct);
    }
}
