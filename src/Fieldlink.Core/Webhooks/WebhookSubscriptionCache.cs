using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Webhooks;

/// <summary>
/// The enabled subscriptions and the event types they want, kept for <see cref="WebhookOptions.SubscriptionCacheLifetime"/>
/// so that a change writes no outbox row, and costs no query, when nobody wants its event. A change to a subscription
/// in this process drops the copy at once; other processes see it when their copy runs out, which is why a new
/// subscription is guaranteed events only from its <see cref="WebhookSubscription.ActiveFrom"/>. Thread-safe.
/// </summary>
public sealed class WebhookSubscriptionCache(IOptions<WebhookOptions> options, TimeProvider time)
{
    private Snapshot? _snapshot;

    /// <summary>One enabled subscription and what it wants.</summary>
    public sealed record Entry(Guid Id, IReadOnlyList<string> EventTypes);

    private sealed record Snapshot(IReadOnlyList<Entry> Entries, DateTimeOffset LoadedAt);

    /// <summary>Forgets the copy, after a change to a subscription in this process.</summary>
    public void Invalidate() => Volatile.Write(ref _snapshot, null);

    /// <summary>The enabled subscriptions that want <paramref name="type"/>, read through <paramref name="db"/> when the copy is old.</summary>
    public async ValueTask<IReadOnlyList<Guid>> WantingAsync(FieldlinkDbContext db, string type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var snapshot = Volatile.Read(ref _snapshot);
        var now = time.GetUtcNow();
        if (snapshot is null || now - snapshot.LoadedAt >= options.Value.SubscriptionCacheLifetime || now < snapshot.LoadedAt)
        {
            // Stamped before the read, so the copy is never taken for newer than what it saw.
            var rows = await db.Set<WebhookSubscription>().AsNoTracking().Where(s => s.Enabled)
                .Select(s => new { s.Id, s.EventTypes }).ToListAsync(cancellationToken);
            snapshot = new Snapshot([.. rows.Select(r => new Entry(r.Id, r.EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries)))], now);
            Volatile.Write(ref _snapshot, snapshot);
        }

        List<Guid>? wanting = null;
        foreach (var entry in snapshot.Entries)
        {
            if (WebhookSubscription.Wants(entry.EventTypes, type))
            {
                (wanting ??= []).Add(entry.Id);
            }
        }

        return wanting ?? (IReadOnlyList<Guid>)[];
    }
}
