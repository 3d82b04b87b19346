using Fieldlink.Core.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.Connectors.EventHubs;

internal sealed class AzureIoTHubPartitionConfiguration : IEntityTypeConfiguration<AzureIoTHubPartition>
{
    public void Configure(EntityTypeBuilder<AzureIoTHubPartition> builder)
    {
        builder.ToTable("AzureIoTHubPartitions");

        // An instance whose settings move it to another hub or consumer group starts that one afresh: the endpoint and
        // group are part of the key, as they are of Azure's blob checkpoint store's names.
        builder.HasKey(p => new { p.ProviderInstanceId, p.FullyQualifiedNamespace, p.EventHubName, p.ConsumerGroup, p.PartitionId });
        builder.Property(p => p.FullyQualifiedNamespace).HasMaxLength(AzureIoTHubPartition.NamespaceMaxLength);
        builder.Property(p => p.EventHubName).HasMaxLength(AzureIoTHubPartition.NameMaxLength);
        builder.Property(p => p.ConsumerGroup).HasMaxLength(AzureIoTHubPartition.NameMaxLength);
        builder.Property(p => p.PartitionId).HasMaxLength(AzureIoTHubPartition.PartitionIdMaxLength);
        builder.Property(p => p.OwnerIdentifier).HasMaxLength(AzureIoTHubPartition.OwnerMaxLength);
        builder.Property(p => p.CheckpointedBy).HasMaxLength(AzureIoTHubPartition.OwnerMaxLength);
        builder.Property(p => p.Offset).HasMaxLength(AzureIoTHubPartition.OffsetMaxLength);

        // The claim's ETag: an update carrying another version changes no row, which EF Core reports as a conflict.
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne<ProviderInstance>().WithMany().HasForeignKey(p => p.ProviderInstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}
