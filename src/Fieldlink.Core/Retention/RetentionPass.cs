namespace Fieldlink.Core.Retention;

/// <summary>What one pruning pass deleted.</summary>
/// <param name="WebhookDeliveries">Finished webhook deliveries.</param>
/// <param name="DeadLetters">Dead letters.</param>
/// <param name="Commands">Finished commands.</param>
public sealed record RetentionPass(long WebhookDeliveries, long DeadLetters, long Commands)
{
    public long Total => WebhookDeliveries + DeadLetters + Commands;
}
