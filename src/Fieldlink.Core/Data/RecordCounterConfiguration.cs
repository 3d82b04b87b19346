using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.Data;

internal sealed class RecordCounterConfiguration : IEntityTypeConfiguration<RecordCounter>
{
    public void Configure(EntityTypeBuilder<RecordCounter> builder)
    {
        builder.ToTable(RecordNumbers.Table);
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(20);

        // Made with the schema, so taking a number is one update and never an insert that could race.
        builder.HasData(
            new RecordCounter { Name = RecordNumbers.Case, Last = 0 },
            new RecordCounter { Name = RecordNumbers.WorkOrder, Last = 0 });
    }
}
