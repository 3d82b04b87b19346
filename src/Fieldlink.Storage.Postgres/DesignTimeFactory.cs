using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fieldlink.Storage.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without a server.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PostgresFieldlinkDbContext>
{
    public PostgresFieldlinkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresFieldlinkDbContext>().UseNpgsql("Host=localhost;Database=fieldlink_design").Options);
}
