using Fieldlink.Core.Alerts;
using Fieldlink.Core.Assets;
using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.Cases;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ConfigureEntity();
        builder.Property(c => c.Number).HasMaxLength(20);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.Property(c => c.Title).HasMaxLength(Case.TitleMaxLength);
        builder.Property(c => c.Description).HasMaxLength(Case.DescriptionMaxLength);

        // A case is service history: its alert stays while it does. Account and asset go as an alert's do.
        builder.HasOne<Alert>().WithMany().HasForeignKey(c => c.AlertId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<CustomerAsset>().WithMany().HasForeignKey(c => c.CustomerAssetId).OnDelete(DeleteBehavior.SetNull);

        // The alerts a case covers; a case is never deleted while they point at it.
        builder.HasMany<Alert>().WithOne().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(c => new { c.Status, c.CreatedAt });
    }
}
