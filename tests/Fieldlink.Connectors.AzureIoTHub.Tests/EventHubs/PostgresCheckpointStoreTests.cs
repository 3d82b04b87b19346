using Fieldlink.Core.Data;
using Fieldlink.Storage.Postgres;
using Fieldlink.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Connectors.AzureIoTHub.Tests.EventHubs;

/// <summary>The checkpoint store's tests on PostgreSQL: a database of its own per test on the server test.sh starts.</summary>
public sealed class PostgresCheckpointStoreTests : CheckpointStoreTests
{
    private TestDatabase? _database;

    protected override async Task CreateDatabaseAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    protected override FieldlinkDbContext NewContext() =>
        new PostgresFieldlinkDbContext(
            new DbContextOptionsBuilder<PostgresFieldlinkDbContext>().UseNpgsql(PostgresStorage.ToConnectionString(_database!.ConnectionString)).Options,
            Time);

    protected override async Task DeleteDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
