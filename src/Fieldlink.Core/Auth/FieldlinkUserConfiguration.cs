using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fieldlink.Core.Auth;

internal sealed class FieldlinkUserConfiguration : IEntityTypeConfiguration<FieldlinkUser>
{
    public void Configure(EntityTypeBuilder<FieldlinkUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);

        // The longest IANA ids are about 30 characters (America/Argentina/ComodRivadavia).
        builder.Property(u => u.TimeZoneId).HasMaxLength(64);
    }
}
