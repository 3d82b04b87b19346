using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Devices;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>Loads a page of the device categories list through the API's collection query layer, with each category's device count.</summary>
public sealed class CategoryList(IServiceScopeFactory scopes)
{
    private static readonly DeviceCategoryResource Resource = new();

    public async Task<ListPage<CategoryRow>> LoadAsync(CategoryListQuery request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var (categories, total) = await StoreQuery.PageAsync(db.DeviceCategories.AsNoTracking(), Resource, request.ToQueryOptions(), ct);
        var ids = categories.Select(c => (Guid?)c.Id).ToList();
        var devices = await db.Devices.AsNoTracking().Where(d => ids.Contains(d.CategoryId))
            .GroupBy(d => d.CategoryId!.Value).Select(g => new { Category = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Category, g => g.Count, ct);
        var rows = categories.Select(c => new CategoryRow(
            c.Id, c.Name, c.Description, c.Measures.Count, c.Commands.Count, c.Tiles.Count, devices.GetValueOrDefault(c.Id))).ToList();
        return new(rows, total);
    }
}
