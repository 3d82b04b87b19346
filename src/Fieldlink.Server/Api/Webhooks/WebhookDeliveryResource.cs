using System.Text.Json.Nodes;
using Fieldlink.Core.Webhooks;
using Fieldlink.Server.Api.Collections;

namespace Fieldlink.Server.Api.Webhooks;

/// <summary>A subscription's delivery log: read-only, newest first.</summary>
public sealed class WebhookDeliveryResource : ReadResource<WebhookDelivery, WebhookDeliveryRead>
{
    public override string Collection => "webhookDeliveries";

    public override string Noun => "webhook delivery";

    public override WebhookDeliveryRead ToRead(WebhookDelivery entity) => new(
        entity.Id,
        entity.SubscriptionId,
        WebhookSender.MessageIdOf(entity.MessageId),
        entity.EventType,
        entity.Status,
        entity.Attempts,
        entity.Status == WebhookDeliveryStatus.Pending ? entity.NextAttemptAt : null,
        entity.LastAttemptAt,
        entity.LastStatusCode,
        entity.LastError,
        entity.CompletedAt,
        entity.CreatedAt,
        JsonNode.Parse(entity.AttemptLog),
        JsonNode.Parse(entity.Payload));

    public override IOrderedQueryable<WebhookDelivery> DefaultOrder(IQueryable<WebhookDelivery> source) => source.OrderByDescending(d => d.CreatedAt);
}
