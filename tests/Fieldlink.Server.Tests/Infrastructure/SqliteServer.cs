using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Infrastructure;

/// <summary>Fieldlink on a SQLite file of its own.</summary>
public class SqliteServer : FieldlinkServer
{
    private readonly TempDirectory? _directory;

    public SqliteServer()
    {
        _directory = new TempDirectory();
        DatabasePath = Path.Combine(_directory.Path, "fieldlink.db");
    }

    private SqliteServer(string databasePath) => DatabasePath = databasePath;

    public string DatabasePath { get; }

    /// <summary>A server on a file the test owns, so a second server can open the same store after the first stops.</summary>
    public static SqliteServer At(string databasePath) => new(databasePath);

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(DatabasePath);

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory?.Dispose();
        return Task.CompletedTask;
    }
}
