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

    protected override FieldlinkDbContext NewLiveContext(Core.Live.LiveChanges live, params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
        new PostgresFieldlinkDbContext(
            new DbContextOptionsBuilder<PostgresFieldlinkDbContext>().UseNpgsql(PostgresStorage.ToConnectionString(Database.ConnectionString)).AddInterceptors(interceptors).Options,
            Time,
            live);

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

    /// <summary>
    /// PostgreSQL raises a data exception (SQLSTATE class 22) where SQLite answers NULL: a $filter's division by zero is
    /// the request's values, which the API answers with a 400 naming the option.
    /// </summary>
    [Fact]
    public async Task A_query_the_database_cannot_evaluate_is_an_invalid_value()
    {
        await using var db = NewContext();

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.SqlQueryRaw<int>("SELECT 1 / 0 AS \"Value\"").ToListAsync());

        Assert.Equal(StoreError.InvalidValue, db.Classify(exception));
    }

    private TestDatabase Database => _database ?? throw new InvalidOperationException("The database is created in InitializeAsync.");
}
