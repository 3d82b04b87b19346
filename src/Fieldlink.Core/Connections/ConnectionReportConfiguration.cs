using Fieldlink.Core.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.Connections;

internal sealed class ConnectionReportConfiguration : IEntityTypeConfiguration<ConnectionReport>
{
    public void Configure(EntityTypeBuilder<ConnectionReport> builder)
    {
        builder.ToTable("ConnectionReports");
        builder.HasKey(r => new { r.ProviderInstanceId, r.Node });
        builder.Property(r => r.Node).HasMaxLength(ConnectionReport.NodeMaxLength);
        builder.Property(r => r.LastError).HasMaxLength(ConnectionReport.LastErrorMaxLength);

        // A deleted instance's reports mean nothing.
        builder.HasOne<ProviderInstance>().WithMany().HasForeignKey(r => r.ProviderInstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}
