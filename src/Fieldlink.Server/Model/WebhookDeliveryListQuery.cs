using Fieldlink.Core.Webhooks;

namespace Fieldlink.Server.Model;

/// <summary>What a subscription's delivery log asks for: its deliveries, of one status or all, a search in the event type; newest first.</summary>
public sealed record WebhookDeliveryListQuery : ListQuery
{
    private static readonly Dictionary<string, string> Sorts = new(StringComparer.Ordinal)
    {
        [nameof(WebhookDeliveryRow.CreatedAt)] = "createdAt",
        [nameof(WebhookDeliveryRow.EventType)] = "eventType",
        [nameof(WebhookDeliveryRow.Status)] = "status",
    };

    public Guid SubscriptionId { get; init; }

    public WebhookDeliveryStatus? Status { get; init; }

    protected override IReadOnlyDictionary<string, string> SortFields => Sorts;

    protected override IReadOnlyList<string> SearchFields { get; } = ["eventType"];

    protected override IEnumerable<string> Filters()
    {
        yield return $"subscriptionId eq {SubscriptionId}";
        if (Status is { } status)
        {
            yield return $"status eq '{status}'";
        }
    }
}
