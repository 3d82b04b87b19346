using Fieldlink.Core.Data;
using Fieldlink.Storage.Sqlite;
using Fieldlink.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Storage.Tests;

/// <summary>The store tests on SQLite: a file in a temp directory, opened the way the server opens it.</summary>
public sealed class SqliteStoreTests : StoreTests
{
    private readonly TempDirectory _directory = new();
    private readonly string _connectionString;

    public SqliteStoreTests()
    {
        _connectionString = SqliteStorage.ToConnectionString(Path.Combine(_directory.Path, "fieldlink.db"));
    }

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override FieldlinkDbContext NewContext() =>
        new SqliteFieldlinkDbContext(new DbContextOptionsBuilder<SqliteFieldlinkDbContext>().UseSqlite(_connectionString).Options, Time);

    protected override FieldlinkDbContext NewLiveContext(Core.Live.LiveChanges live, params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
        new SqliteFieldlinkDbContext(new DbContextOptionsBuilder<SqliteFieldlinkDbContext>().UseSqlite(_connectionString).AddInterceptors(interceptors).Options, Time, live);

    protected override FieldlinkDbContext UnreachableContext() =>
        new SqliteFieldlinkDbContext(
            new DbContextOptionsBuilder<SqliteFieldlinkDbContext>().UseSqlite($"Data Source={Path.Combine(_directory.Path, "missing", "fieldlink.db")};Mode=ReadWrite").Options,
            Time);

    protected override Task DeleteDatabaseAsync()
    {
        // Pooled connections keep the file open; release them so the directory can go.
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_connection_waits_in_SQLite_for_a_busy_write_lock()
    {
        await using var db = NewContext();
        await db.Database.OpenConnectionAsync();
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";
        Assert.Equal(30000L, (long)(await command.ExecuteScalarAsync())!);
    }
}
