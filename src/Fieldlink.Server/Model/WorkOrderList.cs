using Fieldlink.Core.Data;
using Fieldlink.Core.WorkOrders;
using Fieldlink.Server.Api.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// Loads a page of the work orders list through the API's collection query layer, then the cases, alerts' devices,
/// accounts and customer assets it names: one query per kind, never one per row.
/// </summary>
public sealed class WorkOrderList(IServiceScopeFactory scopes)
{
    private static readonly WorkOrderResource Resource = new();

    public async Task<ListPage<WorkOrderRow>> LoadAsync(WorkOrderListQuery request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var (orders, total) = await StoreQuery.PageAsync(db.WorkOrders.AsNoTracking(), Resource, request.ToQueryOptions(), ct);
        return new(await RowsAsync(db, orders, ct), total);
    }

    internal static async Task<List<WorkOrderRow>> RowsAsync(FieldlinkDbContext db, List<WorkOrder> orders, CancellationToken ct)
    {
        if (orders.Count == 0)
        {
            return [];
        }

        var caseIds = orders.Select(w => w.CaseId).Distinct().ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Number, ct);
        var names = await RecordReferences.LoadAsync(
            db, orders.Select(w => (Guid?)w.AlertId), orders.Select(w => w.AccountId), orders.Select(w => w.CustomerAssetId), ct);
        return orders.Select(w =>
        {
            var alert = names.Alert(w.AlertId);
            return new WorkOrderRow(
                w.Id,
                w.Number,
                w.Status,
                w.PrimaryIncidentType,
                w.PrimaryIncidentDescription,
                w.CaseId,
                cases.GetValueOrDefault(w.CaseId),
                alert?.DeviceRecordId,
                alert?.Device,
                names.Account(w.AccountId),
                w.CustomerAssetId,
                names.Asset(w.CustomerAssetId),
                w.CreatedAt);
        }).ToList();
    }
}
