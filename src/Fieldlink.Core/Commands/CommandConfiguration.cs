using Fieldlink.Core.Alerts;
using Fieldlink.Core.Assets;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.Commands;

internal sealed class CommandConfiguration : IEntityTypeConfiguration<Command>
{
    public void Configure(EntityTypeBuilder<Command> builder)
    {
        builder.ConfigureEntity();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Error).HasMaxLength(Command.ErrorMaxLength);
        builder.Property(c => c.ErrorDetail).HasMaxLength(Command.ErrorDetailMaxLength);
        builder.Property(c => c.IdempotencyKey).HasMaxLength(200);
        builder.Property(c => c.LeaseOwner).HasMaxLength(100);
        builder.HasOne<Device>().WithMany().HasForeignKey(c => c.DeviceRecordId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CustomerAsset>().WithMany().HasForeignKey(c => c.CustomerAssetId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Alert>().WithMany().HasForeignKey(c => c.AlertId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => new { c.DeviceRecordId, c.CreatedAt });
        builder.HasIndex(c => new { c.Status, c.CreatedAt });
        builder.HasIndex(c => new { c.IdempotencyKey, c.DeviceRecordId }).IsUnique();
    }
}
