using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.Devices;

internal sealed class RegistrationHistoryConfiguration : IEntityTypeConfiguration<RegistrationHistory>
{
    public void Configure(EntityTypeBuilder<RegistrationHistory> builder)
    {
        builder.ConfigureEntity();
        builder.HasOne<Device>().WithMany().HasForeignKey(h => h.DeviceRecordId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.DeviceRecordId, h.CreatedAt });
        builder.Property(h => h.ProviderDeviceId).HasMaxLength(200);
        builder.Property(h => h.Message).HasMaxLength(2000);
    }
}

internal sealed class DeviceDataHistoryConfiguration : IEntityTypeConfiguration<DeviceDataHistory>
{
    public void Configure(EntityTypeBuilder<DeviceDataHistory> builder)
    {
        builder.ConfigureEntity();
        builder.HasOne<Device>().WithMany().HasForeignKey(h => h.DeviceRecordId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.DeviceRecordId, h.CreatedAt });
        builder.Property(h => h.Message).HasMaxLength(2000);
    }
}
