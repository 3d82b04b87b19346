using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Webhooks;

/// <summary>
/// Writes a batch of outbox rows in the caller's transaction. This base adds them with EF Core (one batched command);
/// PostgreSQL overrides it with one binary COPY, for the alert rate a large fleet needs. Stateless and thread-safe.
/// </summary>
public class WebhookOutboxSql
{
    public static WebhookOutboxSql Default { get; } = new();

    /// <summary>Adds deliveries whose ids and timestamps are set, and leaves them untracked.</summary>
    public virtual async Task InsertAsync(FieldlinkDbContext db, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(deliveries);
        if (deliveries.Count == 0)
        {
            return;
        }

        db.Set<WebhookDelivery>().AddRange(deliveries);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var delivery in deliveries)
        {
            db.Entry(delivery).State = EntityState.Detached;
        }
    }
}
