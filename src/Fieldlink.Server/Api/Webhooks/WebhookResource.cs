using Fieldlink.Core.Data;
using Fieldlink.Core.Outbound;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Problems;

namespace Fieldlink.Server.Api.Webhooks;

/// <summary>The <c>webhooks</c> collection: listed, read, changed and deleted here; created (with its secret) by <see cref="WebhooksApi"/>.</summary>
public sealed class WebhookResource(OutboundGuard guard, WebhookSubscriptionCache cache) : CollectionResource<WebhookSubscription, WebhookWrite, WebhookRead>
{
    public override string Collection => "webhooks";

    public override string Noun => "webhook subscription";

    public override WebhookRead ToRead(WebhookSubscription entity) => new(
        entity.Id, entity.Url, entity.EventTypeList(), entity.Enabled, entity.Description, entity.ActiveFrom, entity.DisabledReason,
        entity.FailingSince, entity.PreviousSecretUntil, entity.CreatedAt, entity.UpdatedAt);

    public override WebhookWrite ToWrite(WebhookSubscription entity) => new(entity.Url, entity.EventTypeList(), entity.Enabled, entity.Description);

    public override async Task ValidateAsync(WebhookWrite write, WebhookSubscription? existing, FieldErrors errors, FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        if (errors.Required("url", write.Url, WebhookSubscription.UrlMaxLength) is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                errors.Add("url", "The url field must be an absolute http or https URL.");
            }
            else if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                errors.Add("url", "The url field may not carry a user name or password; the signature authenticates Fieldlink.");
            }
            else if (await guard.RefuseAsync(uri, cancellationToken) is { } refusal)
            {
                errors.Add("url", refusal);
            }
        }

        if (write.EventTypes is { } types)
        {
            if (types.Count == 0)
            {
                errors.Add("eventTypes", "The eventTypes field needs at least one event type, or [\"*\"] for all.");
            }

            foreach (var type in types.Where(t => t != WebhookEventTypes.All && !WebhookEventTypes.Known.Contains(t)))
            {
                errors.Add("eventTypes", $"'{type}' is not an event type: one of {string.Join(", ", WebhookEventTypes.Known)}, or * for all.");
            }
        }

        errors.Optional("description", write.Description, 2000);
    }

    /// <summary>A new subscription with a new secret; guaranteed every event from when every process's copy of the subscriptions has been renewed.</summary>
    public static WebhookSubscription Create(WebhookWrite write, DateTimeOffset now, TimeSpan cacheLifetime)
    {
        ArgumentNullException.ThrowIfNull(write);
        var created = new WebhookSubscription
        {
            Url = write.Url!.Trim(),
            Secret = StandardWebhookSignature.NewSecret(),
            ActiveFrom = now + cacheLifetime + TimeSpan.FromSeconds(1),
        };
        Fill(write, created);
        return created;
    }

    public override WebhookSubscription Create(WebhookWrite write) =>
        throw new InvalidOperationException("Subscriptions are created by WebhooksApi, which makes their secret and answers it once.");

    public override void Apply(WebhookWrite write, WebhookSubscription entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (write?.Enabled == true && !entity.Enabled)
        {
            // Enabled again by hand: the reason it was disabled no longer holds.
            entity.DisabledReason = null;
        }

        entity.Url = write!.Url!.Trim();
        Fill(write, entity);
        cache.Invalidate();
    }

    public override IOrderedQueryable<WebhookSubscription> DefaultOrder(IQueryable<WebhookSubscription> source) => source.OrderBy(s => s.CreatedAt);

    private static void Fill(WebhookWrite write, WebhookSubscription entity)
    {
        var types = write.EventTypes is { Count: > 0 } given ? given.Distinct(StringComparer.Ordinal).ToList() : [WebhookEventTypes.All];
        entity.EventTypes = types.Contains(WebhookEventTypes.All) ? WebhookEventTypes.All : string.Join(' ', types);
        entity.Enabled = write.Enabled ?? true;
        entity.Description = string.IsNullOrWhiteSpace(write.Description) ? null : write.Description.Trim();
    }
}
