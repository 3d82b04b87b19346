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
        // Pooled connections keep the files open (this test's and any other store it made); release them so the directory can go.
        SqliteConnection.ClearAllPools();

        _directory.Dispose();
        return Task.CompletedTask;
    }

    protected override string ShippedFreshStoreScript() => SqliteFreshStore.Script();

    protected override Task<bool> CreateFromScriptAsync(FieldlinkDbContext db) => SqliteFreshStore.TryCreateAsync(db.Database, CancellationToken.None);

    protected override Task<Func<FieldlinkDbContext>> NewEmptyStoreAsync()
    {
        var connectionString = SqliteStorage.ToConnectionString(Path.Combine(_directory.Path, $"other-{Guid.NewGuid():N}.db"));
        return Task.FromResult<Func<FieldlinkDbContext>>(() => new SqliteFieldlinkDbContext(new DbContextOptionsBuilder<SqliteFieldlinkDbContext>().UseSqlite(connectionString).Options, Time));
    }

    /// <summary>
    /// Everything SQLite keeps of a schema, <c>sqlite_master</c>: tables, indexes, triggers and views with the SQL that
    /// made them. EF Core's migration lock table is left out: <c>MigrateAsync</c> leaves it behind, empty, and makes it
    /// again whenever it needs it.
    /// </summary>
    protected override Task<IReadOnlyList<string>> SchemaAsync(FieldlinkDbContext db) =>
        RowsAsync(db, "sqlite_master", "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name <> '__EFMigrationsLock' ORDER BY type, name;");

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
