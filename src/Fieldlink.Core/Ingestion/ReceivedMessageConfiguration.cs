using Fieldlink.Core.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.Ingestion;

internal sealed class ReceivedMessageConfiguration : IEntityTypeConfiguration<ReceivedMessage>
{
    public void Configure(EntityTypeBuilder<ReceivedMessage> builder)
    {
        builder.ToTable("ReceivedMessages");

        // The key is what makes a repeat fail to insert, in every process that shares the database.
        builder.HasKey(m => new { m.ProviderInstanceId, m.MessageId });
        builder.Property(m => m.MessageId).HasMaxLength(ReceivedMessages.MessageIdMaxLength);
        builder.HasOne<ProviderInstance>().WithMany().HasForeignKey(m => m.ProviderInstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.ExpiresAt);
    }
}
