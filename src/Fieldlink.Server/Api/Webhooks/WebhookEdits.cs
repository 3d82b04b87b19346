using Fieldlink.Core.Data;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Api.Webhooks;

/// <summary>
/// What a subscription's writes do beyond a registry record's — a creation that makes its secret, a deletion that takes
/// its delivery log along, a rotation, a redelivery — without HTTP, so <see cref="WebhooksApi"/> and the administration
/// page check and write exactly alike (the URL through the outbound guard of <see cref="WebhookResource.ValidateAsync"/>).
/// </summary>
public static class WebhookEdits
{
    /// <summary>The longest overlap of a rotation, during which the previous secret also signs.</summary>
    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(7);

    /// <summary>The overlap of a rotation that names none: a day, for the receivers to take up the new secret.</summary>
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromDays(1);

    /// <summary>
    /// Creates a subscription from <paramref name="write"/> after its validation, with a new secret (on the entity, for
    /// the caller to show this once). The cache is dropped after the commit, so this process's next event sees it.
    /// </summary>
    public static async Task<CollectionEdit<WebhookSubscription>> CreateAsync(
        WebhookResource resource, WebhookWrite write, FieldlinkDbContext db, WebhookSubscriptionCache cache, WebhookOptions options, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var errors = new FieldErrors();
        await resource.ValidateAsync(write, null, errors, db, ct);
        if (!errors.IsEmpty)
        {
            return new CollectionEdit<WebhookSubscription>(null, errors.ToDictionary(), null);
        }

        var created = WebhookResource.Create(write, time.GetUtcNow(), options.SubscriptionCacheLifetime);
        db.WebhookSubscriptions.Add(created);
        if (await CollectionEdits.SaveAsync(resource, created, db, ct) is { } problem)
        {
            return new CollectionEdit<WebhookSubscription>(null, null, problem);
        }

        cache.Invalidate();
        return new CollectionEdit<WebhookSubscription>(created, null, null);
    }

    /// <summary>Deletes the tracked <paramref name="subscription"/> and its delivery log, in one transaction.</summary>
    public static async Task<CollectionEdit<WebhookSubscription>> DeleteAsync(
        WebhookResource resource, WebhookSubscription subscription, FieldlinkDbContext db, WebhookSubscriptionCache cache, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cache);
        db.Remove(subscription);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await CollectionEdits.SaveAsync(resource, subscription, db, ct) is { } problem)
        {
            return new CollectionEdit<WebhookSubscription>(null, null, problem);
        }

        await db.WebhookDeliveries.Where(d => d.SubscriptionId == subscription.Id).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        cache.Invalidate();
        return new CollectionEdit<WebhookSubscription>(subscription, null, null);
    }

    /// <summary>Why <paramref name="overlap"/> may not be a rotation's overlap, naming the API's field; null when it may.</summary>
    public static string? OverlapError(TimeSpan overlap) =>
        overlap < TimeSpan.Zero || overlap > MaxOverlap ? $"The overlapSeconds field must be between 0 and {MaxOverlap.TotalSeconds}." : null;

    /// <summary>
    /// Gives the tracked <paramref name="subscription"/> a new secret (on the entity, for the caller to show this once);
    /// the previous one goes on signing for <paramref name="overlap"/>. The save is conditional on the version read.
    /// </summary>
    public static async Task<CollectionEdit<WebhookSubscription>> RotateAsync(
        WebhookSubscription subscription, TimeSpan overlap, FieldlinkDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (OverlapError(overlap) is { } error)
        {
            return new CollectionEdit<WebhookSubscription>(null, new Dictionary<string, string[]> { ["overlapSeconds"] = [error] }, null);
        }

        subscription.PreviousSecret = overlap > TimeSpan.Zero ? subscription.Secret : null;
        subscription.PreviousSecretUntil = overlap > TimeSpan.Zero ? time.GetUtcNow() + overlap : null;
        subscription.Secret = StandardWebhookSignature.NewSecret();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new CollectionEdit<WebhookSubscription>(null, null, ApiProblems.PreconditionFailed("webhook subscription"));
        }

        return new CollectionEdit<WebhookSubscription>(subscription, null, null);
    }

    /// <summary>
    /// Sends a delivery that succeeded, died or was canceled again, now, with the same <c>webhook-id</c>, on a fresh
    /// retry schedule; the delivery as it is now, or the problem: not found, or still pending (a conflict).
    /// </summary>
    public static async Task<CollectionEdit<WebhookDelivery>> RedeliverAsync(
        Guid subscriptionId, Guid deliveryId, FieldlinkDbContext db, WebhookSignal signal, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var moved = await db.WebhookDeliveries
            .Where(d => d.Id == deliveryId && d.SubscriptionId == subscriptionId && d.Status != WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Status, WebhookDeliveryStatus.Pending)
                    .SetProperty(d => d.Attempts, 0)
                    .SetProperty(d => d.NextAttemptAt, now)
                    .SetProperty(d => d.CompletedAt, (DateTimeOffset?)null)
                    .SetProperty(d => d.LeaseOwner, (string?)null)
                    .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null)
                    .Stamped(now),
                ct);
        var delivery = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == subscriptionId, ct);
        if (delivery is null)
        {
            return new CollectionEdit<WebhookDelivery>(null, null, ApiProblems.NotFound("webhook delivery", deliveryId));
        }

        if (moved == 0)
        {
            return new CollectionEdit<WebhookDelivery>(null, null, ApiProblems.Conflict(
                $"Delivery {deliveryId} is still pending (attempt {delivery.Attempts + 1} is due at {delivery.NextAttemptAt:O}); only a delivery that succeeded, died or was canceled is redelivered."));
        }

        signal.Notify();
        return new CollectionEdit<WebhookDelivery>(delivery, null, null);
    }
}
