using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Infrastructure;

/// <summary>Fieldlink on a SQLite file of its own.</summary>
public sealed class SqliteServer : FieldlinkServer
{
    private readonly TempDirectory _directory = new();

    public string DatabasePath => Path.Combine(_directory.Path, "fieldlink.db");

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(DatabasePath);

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
