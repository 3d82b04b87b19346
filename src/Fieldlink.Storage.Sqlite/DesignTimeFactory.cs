using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fieldlink.Storage.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the server.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SqliteFieldlinkDbContext>
{
    public SqliteFieldlinkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteFieldlinkDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
