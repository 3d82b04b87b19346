using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Infrastructure;

/// <summary>Fieldlink on a PostgreSQL database of its own, on the server test.sh started.</summary>
public class PostgresServer : FieldlinkServer
{
    private readonly bool _owned = true;
    private TestDatabase? _database;

    public PostgresServer()
    {
    }

    private PostgresServer(TestDatabase database)
    {
        _database = database;
        _owned = false;
    }

    /// <summary>A server on a database the test owns, so a second server can open the same store after the first stops.</summary>
    public static PostgresServer On(TestDatabase database) => new(database);

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The server has not started.");

    protected override async Task<string> CreateDatabaseAsync()
    {
        _database ??= await TestPostgres.CreateDatabaseAsync();
        return _database.ConnectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_owned && _database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
