using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Alerts;

/// <summary>
/// The customer asset rollups of the reference: how many of its parent alerts are not closed, and when its latest
/// alert came. Counted again in the database, in the same transaction as the change that moves them.
/// </summary>
public static class AlertRollups
{
    public static async Task RefreshAsync(FieldlinkDbContext db, IReadOnlyCollection<Guid> customerAssetIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(customerAssetIds);
        if (customerAssetIds.Count == 0)
        {
            return;
        }

        var latest = await db.Alerts
            .Where(a => a.CustomerAssetId != null && customerAssetIds.Contains(a.CustomerAssetId.Value))
            .GroupBy(a => a.CustomerAssetId!.Value)
            .Select(g => new { Asset = g.Key, Active = g.Count(a => a.ParentAlertId == null && a.Status != AlertStatus.Closed), Last = g.Max(a => a.AlertTime) })
            .ToListAsync(cancellationToken);
        foreach (var asset in customerAssetIds)
        {
            var rollup = latest.FirstOrDefault(l => l.Asset == asset);
            await db.CustomerAssets.Where(a => a.Id == asset).ExecuteUpdateAsync(
                s => s.SetProperty(a => a.ActiveAlertCount, rollup == null ? 0 : rollup.Active)
                    .SetProperty(a => a.LastAlertAt, rollup == null ? null : rollup.Last),
                cancellationToken);
        }
    }
}
