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

        // No foreign key to ReadingSeries, on purpose: PostgreSQL checks one by locking the series row for every
        // reading inserted (a WAL record and a row lock each, contended between concurrent batches), which cost a
        // third of the write throughput. Readings are only written with ids the writer has just resolved, and a
        // trigger (in each database's Readings migration) deletes a series' readings with it, as a cascade would.
    }
}
