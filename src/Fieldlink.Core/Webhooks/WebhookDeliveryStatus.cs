namespace Fieldlink.Core.Webhooks;

/// <summary>Where a delivery is: Pending until it Succeeded, is Dead (out of retries, or 410 Gone) or Canceled (its subscription was disabled).</summary>
public enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,
    Dead,
    Canceled,
}
