using System.Text.Json;
using Fieldlink.Core.Data;
using Fieldlink.Core.Webhooks;
using Fieldlink.Server.Api.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// Reads the webhook subscriptions for the administration pages — each with its newest delivery and its recent
/// failures, in one query per kind, never one per subscription — and a subscription's delivery log, paged through the
/// API's collection query layer as <c>GET /api/v1/webhooks/{id}/deliveries</c> is.
/// </summary>
public sealed class WebhookList(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly WebhookDeliveryResource Deliveries = new();
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every subscription, oldest first (as the API lists them).</summary>
    public async Task<IReadOnlyList<WebhookRow>> LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(ct);
        return await RowsAsync(db, subscriptions, ct);
    }

    /// <summary>One subscription, or null when there is none with this id.</summary>
    public async Task<WebhookRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Id == id).ToListAsync(ct);
        return (await RowsAsync(db, subscriptions, ct)).SingleOrDefault();
    }

    /// <summary>A page of a subscription's deliveries, newest first unless the grid sorts otherwise.</summary>
    public async Task<ListPage<WebhookDeliveryRow>> DeliveriesAsync(WebhookDeliveryListQuery request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var (deliveries, total) = await StoreQuery.PageAsync(db.WebhookDeliveries.AsNoTracking(), Deliveries, request.ToQueryOptions(), ct);
        return new(deliveries.Select(Row).ToList(), total);
    }

    private async Task<List<WebhookRow>> RowsAsync(FieldlinkDbContext db, List<WebhookSubscription> subscriptions, CancellationToken ct)
    {
        if (subscriptions.Count == 0)
        {
            return [];
        }

        var ids = subscriptions.Select(s => s.Id).ToList();
        var since = time.GetUtcNow() - WebhookWarning.Recent;
        var newest = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => ids.Contains(d.SubscriptionId))
            .GroupBy(d => d.SubscriptionId)
            .Select(g => g.OrderByDescending(d => d.CreatedAt).Select(d => new { d.SubscriptionId, d.Status, d.LastStatusCode, d.CreatedAt }).First())
            .ToDictionaryAsync(d => d.SubscriptionId, ct);
        var failures = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => ids.Contains(d.SubscriptionId)
                && ((d.Status == WebhookDeliveryStatus.Dead && d.CompletedAt >= since) || (d.Status == WebhookDeliveryStatus.Pending && d.Attempts > 0)))
            .GroupBy(d => new { d.SubscriptionId, d.Status })
            .Select(g => new { g.Key.SubscriptionId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        return subscriptions.Select(s =>
        {
            var last = newest.GetValueOrDefault(s.Id);
            int Count(WebhookDeliveryStatus status) => failures.Where(f => f.SubscriptionId == s.Id && f.Status == status).Sum(f => f.Count);
            return new WebhookRow(
                s.Id, s.Url, s.EventTypeList(), s.Enabled, s.Description, s.DisabledReason, s.FailingSince, s.PreviousSecretUntil, s.ActiveFrom, s.Version,
                last?.Status, last?.LastStatusCode, last?.CreatedAt, Count(WebhookDeliveryStatus.Dead), Count(WebhookDeliveryStatus.Pending));
        }).ToList();
    }

    /// <summary>A delivery as the log shows it: the start of the endpoint's last answer is its last attempt's.</summary>
    internal static WebhookDeliveryRow Row(WebhookDelivery d)
    {
        var attempts = JsonSerializer.Deserialize<List<WebhookAttempt>>(d.AttemptLog, Json) ?? [];
        return new WebhookDeliveryRow(
            d.Id,
            WebhookSender.MessageIdOf(d.MessageId),
            d.EventType,
            d.Status,
            d.Attempts,
            attempts.Count,
            d.LastStatusCode,
            d.LastError,
            attempts.LastOrDefault()?.Response,
            d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null,
            d.LastAttemptAt,
            d.CompletedAt,
            d.CreatedAt);
    }
}
