using Fieldlink.Core.Cases;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Cases;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// Loads a page of the cases list through the API's collection query layer, then the alerts, devices, accounts and
/// customer assets it names: one query per kind, never one per row.
/// </summary>
public sealed class CaseList(IServiceScopeFactory scopes)
{
    private static readonly CaseResource Resource = new();

    public async Task<ListPage<CaseRow>> LoadAsync(CaseListQuery request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var (cases, total) = await StoreQuery.PageAsync(db.Cases.AsNoTracking(), Resource, request.ToQueryOptions(), ct);
        return new(await RowsAsync(db, cases, ct), total);
    }

    internal static async Task<List<CaseRow>> RowsAsync(FieldlinkDbContext db, List<Case> cases, CancellationToken ct)
    {
        if (cases.Count == 0)
        {
            return [];
        }

        var names = await RecordReferences.LoadAsync(
            db, cases.Select(c => (Guid?)c.AlertId), cases.Select(c => c.AccountId), cases.Select(c => c.CustomerAssetId), ct);
        return cases.Select(c =>
        {
            var alert = names.Alert(c.AlertId);
            return new CaseRow(
                c.Id,
                c.Number,
                c.Title,
                c.Status,
                c.Priority,
                c.AlertId,
                alert?.Description,
                alert?.DeviceRecordId,
                alert?.Device,
                names.Account(c.AccountId),
                c.CustomerAssetId,
                names.Asset(c.CustomerAssetId),
                c.CreatedAt);
        }).ToList();
    }
}
