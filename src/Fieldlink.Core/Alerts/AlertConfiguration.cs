using Fieldlink.Core.Assets;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.Alerts;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ConfigureEntity();
        builder.Property(a => a.DeviceId).HasMaxLength(200);
        builder.Property(a => a.Description).HasMaxLength(Alert.DescriptionMaxLength);
        builder.Property(a => a.StatusNote).HasMaxLength(Alert.StatusNoteMaxLength);
        builder.Property(a => a.Token).HasMaxLength(200);
        builder.Property(a => a.Url).HasMaxLength(2000);
        builder.Property(a => a.GroupKey).HasMaxLength(600);
        builder.HasOne<ProviderInstance>().WithMany().HasForeignKey(a => a.ProviderInstanceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Device>().WithMany().HasForeignKey(a => a.DeviceRecordId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<CustomerAsset>().WithMany().HasForeignKey(a => a.CustomerAssetId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId).OnDelete(DeleteBehavior.SetNull);

        // One alert per event of a provider instance: the database refuses a second, whatever races.
        builder.HasIndex(a => new { a.ProviderInstanceId, a.Token }).IsUnique();

        // Grouping looks for a group's open parent: a small index of parents only, however many children groups have.
        // It leaves out LastOccurrenceAt, which every repeat moves on, so that update can stay a heap-only one.
        builder.HasIndex(a => a.GroupKey).HasFilter("\"ParentAlertId\" IS NULL");

        // The unified list is newest first; a group's children are listed by parent. ParentAlertId has no foreign key:
        // checking one locks the parent row for every child stored (on PostgreSQL a third of a batch's COPY), while
        // only ingestion sets it, to an alert it holds under the group's lock, and alerts are never deleted.
        builder.HasIndex(a => a.ParentAlertId);
        builder.HasIndex(a => a.AlertTime);
        builder.HasIndex(a => new { a.CustomerAssetId, a.Status });
        builder.HasIndex(a => a.AutoPullPending).HasFilter("\"AutoPullPending\"");
        builder.Property(a => a.AutoPullLeaseOwner).HasMaxLength(100);

        // The web app's list filters parents by provider and by type and counts what matches: without these small
        // indexes of parents only, each count read every alert (docs/benchmarks.md, the alert-list benchmark).
        builder.HasIndex(a => a.ProviderId).HasFilter("\"ParentAlertId\" IS NULL");
        builder.HasIndex(a => a.AlertType).HasFilter("\"ParentAlertId\" IS NULL");
    }
}
