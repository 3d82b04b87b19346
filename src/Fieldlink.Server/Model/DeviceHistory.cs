using System.Globalization;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Server.Api.Actions;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Commands;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// A device's command, registration and data-pull histories, newest first, a page at a time, through the API's
/// collection query layer and its resources (<c>GET /api/v1/commands?$filter=deviceRecordId eq …</c>,
/// <c>/devices/{id}/registrations</c>, <c>/devices/{id}/dataHistory</c>), shown as the API shows them.
/// </summary>
public sealed class DeviceHistory(IServiceScopeFactory scopes)
{
    private static readonly CommandResource Commands = new(withErrorDetail: false);
    private static readonly RegistrationHistoryResource Registrations = new();
    private static readonly DeviceDataHistoryResource DataPulls = new();

    public Task<ListPage<CommandRead>> CommandsAsync(Guid deviceId, int page, int pageSize, CancellationToken ct) =>
        LoadAsync(db => db.Commands, Commands.Collection, FieldNames.Of<CommandRead>(), Commands.DefaultOrder, Commands.ToRead, deviceId, page, pageSize, ct);

    public Task<ListPage<RegistrationRead>> RegistrationsAsync(Guid deviceId, int page, int pageSize, CancellationToken ct) =>
        LoadAsync(db => db.RegistrationHistory, Registrations.Collection, FieldNames.Of<RegistrationRead>(), Registrations.DefaultOrder, Registrations.ToRead, deviceId, page, pageSize, ct);

    public Task<ListPage<DeviceDataRead>> DataPullsAsync(Guid deviceId, int page, int pageSize, CancellationToken ct) =>
        LoadAsync(db => db.DeviceDataHistory, DataPulls.Collection, FieldNames.Of<DeviceDataRead>(), DataPulls.DefaultOrder, DataPulls.ToRead, deviceId, page, pageSize, ct);

    /// <summary>The query options of one page of a device's history: its records, newest first.</summary>
    public static Dictionary<string, string> Options(Guid deviceId, int page, int pageSize) => new(StringComparer.Ordinal)
    {
        ["$filter"] = $"deviceRecordId eq {deviceId}",
        ["$skip"] = (Math.Max(page, 0) * pageSize).ToString(CultureInfo.InvariantCulture),
        ["$top"] = pageSize.ToString(CultureInfo.InvariantCulture),
        ["$count"] = "true",
    };

    private async Task<ListPage<TRead>> LoadAsync<TEntity, TRead>(
        Func<FieldlinkDbContext, IQueryable<TEntity>> set,
        string collection,
        IReadOnlyCollection<string> selectable,
        Func<IQueryable<TEntity>, IOrderedQueryable<TEntity>> order,
        Func<TEntity, TRead> read,
        Guid deviceId,
        int page,
        int pageSize,
        CancellationToken ct)
        where TEntity : Entity
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var query = CollectionOptions.Parse<TEntity>(Options(deviceId, page, pageSize), collection, selectable);
        var filtered = query.Filter(set(db).AsNoTracking());
        var total = await filtered.LongCountAsync(ct);
        var rows = await query.Order(filtered, order).Skip(query.Skip).Take(query.Top ?? pageSize).ToListAsync(ct);
        return new ListPage<TRead>([.. rows.Select(read)], total);
    }
}
