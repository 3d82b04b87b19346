using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Infrastructure;

/// <summary>Fieldlink on a PostgreSQL database of its own, on the server test.sh started.</summary>
public sealed class PostgresServer : FieldlinkServer
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The server has not started.");

    protected override async Task<string> CreateDatabaseAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        return _database.ConnectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
