using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Data;

namespace Fieldlink.Core.Webhooks;

/// <summary>
/// Writes events to the outbox in the caller's unit of work: one <see cref="WebhookDelivery"/> per subscription that
/// wants the event, added to the DbContext so the caller's SaveChanges (in its transaction) stores them with the
/// change, or built as a batch for a bulk writer (<see cref="WebhookOutboxSql"/>). Nothing is written when no
/// enabled subscription wants the type. Scoped, like the DbContext it writes to.
/// </summary>
public sealed class WebhookOutbox(FieldlinkDbContext db, WebhookSubscriptionCache subscriptions, WebhookSignal signal, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Whether any enabled subscription wants <paramref name="type"/>, so the caller can skip building payloads.</summary>
    public async ValueTask<bool> IsWantedAsync(string type, CancellationToken cancellationToken) =>
        (await subscriptions.WantingAsync(db, type, cancellationToken)).Count > 0;

    /// <summary>Adds one event to the DbContext (saved by the caller's next SaveChanges); false when nobody wants it.</summary>
    public async ValueTask<bool> AddAsync(string type, JsonObject data, CancellationToken cancellationToken)
    {
        var built = await BuildAsync(type, [data], cancellationToken);
        db.Set<WebhookDelivery>().AddRange(built);
        return built.Count > 0;
    }

    /// <summary>
    /// Makes the deliveries of events of one <paramref name="type"/>, with ids and timestamps set, for a bulk write in
    /// the caller's transaction; empty when nobody wants the type.
    /// </summary>
    public async ValueTask<List<WebhookDelivery>> BuildAsync(string type, IReadOnlyCollection<JsonObject> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var wanting = await subscriptions.WantingAsync(db, type, cancellationToken);
        if (wanting.Count == 0 || events.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var deliveries = new List<WebhookDelivery>(wanting.Count * events.Count);
        foreach (var data in events)
        {
            var messageId = Guid.CreateVersion7(now);
            var payload = Payload(type, now, data);
            foreach (var subscription in wanting)
            {
                deliveries.Add(new WebhookDelivery
                {
                    Id = Guid.CreateVersion7(now),
                    Version = 1,
                    CreatedAt = now,
                    UpdatedAt = now,
                    SubscriptionId = subscription,
                    MessageId = messageId,
                    EventType = type,
                    Payload = payload,
                    NextAttemptAt = now,
                });
            }
        }

        return deliveries;
    }

    /// <summary>Wakes this process's dispatcher; call after the commit (a delivery woken early is found by the next poll).</summary>
    public void Notify() => signal.Notify();

    private static string Payload(string type, DateTimeOffset now, JsonObject data) =>
        new JsonObject
        {
            ["type"] = type,
            ["timestamp"] = now,
            ["data"] = data,
        }.ToJsonString(Json);
}
