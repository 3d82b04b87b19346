using Fieldlink.Core.Data;
using Fieldlink.Storage.Postgres;
using Fieldlink.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Storage.Tests;

/// <summary>The store tests on PostgreSQL: a database of its own per test on the server test.sh starts.</summary>
public sealed class PostgresStoreTests : StoreTests
{
    private TestDatabase? _database;

    protected override async Task CreateDatabaseAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    protected override FieldlinkDbContext NewContext() =>
        new PostgresFieldlinkDbContext(
            new DbContextOptionsBuilder<PostgresFieldlinkDbContext>().UseNpgsql(PostgresStorage.ToConnectionString(Database.ConnectionString)).Options,
            Time);

    protected override FieldlinkDbContext UnreachableContext()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new PostgresFieldlinkDbContext(
            new DbContextOptionsBuilder<PostgresFieldlinkDbContext>().UseNpgsql($"Host=127.0.0.1;Port={port};Username=fieldlink;Password=none;Database=none;Timeout=5").Options,
            Time);
    }

    protected override async Task DeleteDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private TestDatabase Database => _database ?? throw new InvalidOperationException("The database is created in InitializeAsync.");
}
