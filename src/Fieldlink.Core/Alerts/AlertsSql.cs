using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Alerts;

/// <summary>
/// The writes of alert ingestion whose fast form differs per database: adding a batch of alerts, moving the existing
/// parents of their groups on, and moving their customer assets' rollups on. This base does both with EF Core, which serves SQLite's small fleets well;
/// PostgreSQL overrides them with one binary COPY and set-based UPDATEs, for the alert rate a large fleet needs.
/// </summary>
/// <remarks>Called inside the ingestion's transaction. Implementations are stateless and thread-safe.</remarks>
public class AlertsSql
{
    public static AlertsSql Default { get; } = new();

    /// <summary>Adds new alerts whose ids and timestamps are already set.</summary>
    public virtual async Task InsertAsync(FieldlinkDbContext db, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(alerts);
        db.Alerts.AddRange(alerts);
        await db.SaveChangesAsync(cancellationToken);

        // Detached again, as the bulk path leaves them: the caller may go on with other tracked records.
        foreach (var alert in alerts)
        {
            db.Entry(alert).State = EntityState.Detached;
        }
    }

    /// <summary>Adds <see cref="ParentGrowth.Added"/> children to each parent and moves its last occurrence on to <see cref="ParentGrowth.Last"/> if later.</summary>
    public virtual async Task GrowParentsAsync(FieldlinkDbContext db, IReadOnlyList<ParentGrowth> parents, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(parents);
        foreach (var parent in parents)
        {
            await db.Alerts.Where(a => a.Id == parent.Id).ExecuteUpdateAsync(
                s => s.SetProperty(a => a.ChildCount, a => a.ChildCount + parent.Added)
                    .SetProperty(a => a.LastOccurrenceAt, a => a.LastOccurrenceAt < parent.Last ? parent.Last : a.LastOccurrenceAt)
                    .Stamped(now),
                cancellationToken);
        }
    }

    /// <summary>
    /// Adds <see cref="RollupGrowth.ActiveAdded"/> to each asset's open alert count and moves its last alert time on to
    /// <see cref="RollupGrowth.Last"/> if later. Counting on from the stored figures keeps a batch's cost independent
    /// of how many alerts an asset already has; changes of status count again (<see cref="AlertRollups"/>).
    /// </summary>
    /// <remarks>The assets are updated in id order, so concurrent batches that share assets wait for each other instead of deadlocking.</remarks>
    public virtual async Task GrowRollupsAsync(FieldlinkDbContext db, IReadOnlyList<RollupGrowth> assets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(assets);
        foreach (var asset in assets.OrderBy(a => a.CustomerAssetId))
        {
            await db.CustomerAssets.Where(a => a.Id == asset.CustomerAssetId).ExecuteUpdateAsync(
                s => s.SetProperty(a => a.ActiveAlertCount, a => a.ActiveAlertCount + asset.ActiveAdded)
                    .SetProperty(a => a.LastAlertAt, a => a.LastAlertAt == null || a.LastAlertAt < asset.Last ? asset.Last : a.LastAlertAt),
                cancellationToken);
        }
    }
}
