using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.Webhooks;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ConfigureEntity();
        builder.Property(s => s.Url).HasMaxLength(WebhookSubscription.UrlMaxLength);
        builder.Property(s => s.EventTypes).HasMaxLength(1000);
        builder.Property(s => s.Description).HasMaxLength(2000);
        builder.Property(s => s.Secret).HasMaxLength(200);
        builder.Property(s => s.PreviousSecret).HasMaxLength(200);
        builder.Property(s => s.DisabledReason).HasMaxLength(2000);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ConfigureEntity();
        builder.Property(d => d.EventType).HasMaxLength(100);
        builder.Property(d => d.LastError).HasMaxLength(2000);
        builder.Property(d => d.LeaseOwner).HasMaxLength(100);

        // No foreign key to the subscription. Its check locked the subscription's row once per row written (on
        // PostgreSQL, half of an alert batch's time with a subscription to alerts), and it failed the whole change
        // when another process, whose copy of the subscriptions is a moment old, wrote an event for one just deleted.
        // Deleting a subscription deletes its deliveries; the dispatcher drops any written after that.
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.SubscriptionId, d.CreatedAt });

        // Retention's pruning (RecordRetention) looks for finished deliveries completed before a cutoff: without this
        // it reads every delivery of the finished statuses, which after months of Succeeded ones is most of the table.
        builder.HasIndex(d => new { d.Status, d.CompletedAt });
    }
}
