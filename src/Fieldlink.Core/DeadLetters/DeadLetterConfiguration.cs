using Fieldlink.Core.Data;
using Fieldlink.Core.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.DeadLetters;

internal sealed class DeadLetterConfiguration : IEntityTypeConfiguration<DeadLetter>
{
    public void Configure(EntityTypeBuilder<DeadLetter> builder)
    {
        builder.ConfigureEntity();
        builder.Property(d => d.Source).HasMaxLength(DeadLetterStore.SourceMaxLength);
        builder.Property(d => d.Reason).HasMaxLength(DeadLetterStore.ReasonMaxLength);
        builder.Property(d => d.DeviceId).HasMaxLength(DeadLetterStore.SourceMaxLength);
        builder.HasOne<ProviderInstance>().WithMany().HasForeignKey(d => d.ProviderInstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.ReceivedAt);
        builder.HasIndex(d => new { d.ProviderInstanceId, d.ReceivedAt });
    }
}
