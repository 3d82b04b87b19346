using Fieldlink.Core.Devices;
using Fieldlink.Core.Readings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.Thresholds;

internal sealed class MeasureThresholdStateConfiguration : IEntityTypeConfiguration<MeasureThresholdState>
{
    /// <summary>The table's name, fixed because <see cref="ThresholdRules"/> writes it in SQL of its own.</summary>
    public const string Table = "ThresholdStates";

    public void Configure(EntityTypeBuilder<MeasureThresholdState> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(s => new { s.DeviceRecordId, s.Measure });
        builder.Property(s => s.Measure).HasMaxLength(ReadingSeries.MeasureMaxLength);

        // Processes refresh their cache with the rows changed since their last look.
        builder.HasIndex(s => s.UpdatedAt);

        // A deleted device's states mean nothing.
        builder.HasOne<Device>().WithMany().HasForeignKey(s => s.DeviceRecordId).OnDelete(DeleteBehavior.Cascade);
    }
}
