using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.Fleet;

internal sealed class FleetNodeConfiguration : IEntityTypeConfiguration<FleetNode>
{
    public void Configure(EntityTypeBuilder<FleetNode> builder)
    {
        builder.ToTable("FleetNodes");

        // The name is the key: the unique index is what lets one process only hold it.
        builder.HasKey(n => n.Name);
        builder.Property(n => n.Name).HasMaxLength(FleetNode.NameMaxLength);
        builder.Property(n => n.Host).HasMaxLength(FleetNode.HostMaxLength);
    }
}
