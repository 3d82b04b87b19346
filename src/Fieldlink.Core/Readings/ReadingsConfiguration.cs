using Fieldlink.Core.Devices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.Readings;

internal sealed class ReadingSeriesConfiguration : IEntityTypeConfiguration<ReadingSeries>
{
    public void Configure(EntityTypeBuilder<ReadingSeries> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedOnAdd();
        builder.Property(s => s.Measure).HasMaxLength(ReadingSeries.MeasureMaxLength);
        builder.HasIndex(s => new { s.DeviceRecordId, s.Measure }).IsUnique();

        // Deleting a device deletes its readings: they mean nothing without it.
        builder.HasOne<Device>().WithMany().HasForeignKey(s => s.DeviceRecordId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReadingConfiguration : IEntityTypeConfiguration<Reading>
{
    public void Configure(EntityTypeBuilder<Reading> builder)
    {
        // The key is the only index: a device's readings are found by series and time range, and retention deletes
        // by series and time range too, so a second index would only slow every write down.
        builder.HasKey(r => new { r.SeriesId, r.Timestamp });
        builder.HasOne<ReadingSeries>().WithMany().HasForeignKey(r => r.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}
