using Fieldlink.Core.Alerts;
using Fieldlink.Core.Assets;
using Fieldlink.Core.Cases;
using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.WorkOrders;

internal sealed class WorkOrderConfiguration : IEntityTypeConfiguration<WorkOrder>
{
    public void Configure(EntityTypeBuilder<WorkOrder> builder)
    {
        builder.ConfigureEntity();
        builder.Property(w => w.Number).HasMaxLength(20);
        builder.HasIndex(w => w.Number).IsUnique();
        builder.Property(w => w.PrimaryIncidentDescription).HasMaxLength(Alert.DescriptionMaxLength);
        builder.Property(w => w.Instructions).HasMaxLength(WorkOrder.InstructionsMaxLength);
        builder.HasOne<Case>().WithMany().HasForeignKey(w => w.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Alert>().WithMany().HasForeignKey(w => w.AlertId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(w => w.AccountId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<CustomerAsset>().WithMany().HasForeignKey(w => w.CustomerAssetId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(w => new { w.Status, w.CreatedAt });
    }
}
