using Fieldlink.Core.Data;
using Fieldlink.Storage.Sqlite;
using Fieldlink.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Connectors.AzureIoTHub.Tests.EventHubs;

/// <summary>The checkpoint store's tests on SQLite: a file in a temp directory, opened as the server opens it.</summary>
public sealed class SqliteCheckpointStoreTests : CheckpointStoreTests
{
    private readonly TempDirectory _directory = new();
    private readonly string _connectionString;

    public SqliteCheckpointStoreTests()
    {
        _connectionString = SqliteStorage.ToConnectionString(Path.Combine(_directory.Path, "fieldlink.db"));
    }

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override FieldlinkDbContext NewContext() =>
        new SqliteFieldlinkDbContext(new DbContextOptionsBuilder<SqliteFieldlinkDbContext>().UseSqlite(_connectionString).Options, Time);

    protected override Task DeleteDatabaseAsync()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _directory.Dispose();
        return Task.CompletedTask;
    }
}
