using System.Collections.Concurrent;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Core.Live;
using Fieldlink.Server.Hosting;
using Fieldlink.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Fieldlink.Server.Tests.Hosting;

/// <summary>
/// A new store is made from its migrations' SQL (the storage assemblies' <c>FreshStore.sql</c>), an existing one is
/// migrated; either way, from any number of processes at once, the store ends up migrated exactly once.
/// </summary>
public sealed class StoreInitializerTests
{
    [Fact]
    public async Task A_new_SQLite_store_is_made_from_the_script()
    {
        using var dir = new TempDirectory();
        await using var store = new Store(("DataDir", dir.Path));

        await store.InitializeAsync();

        Assert.Equal($"{store.MigrationCount} migrations applied now", store.Applied.Single());
        await store.AssertUpToDateAsync();
        // MigrateAsync makes EF Core's lock table; the script does not need it.
        Assert.Equal(0L, await store.CountAsync("SELECT count(*) FROM sqlite_master WHERE name = '__EFMigrationsLock'"));
        SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_store_with_some_migrations_is_migrated_the_rest(string kind)
    {
        using var dir = new TempDirectory();
        await using var database = kind == "postgres" ? await TestPostgres.CreateDatabaseAsync() : null;
        await using var store = new Store(database is null ? ("DataDir", dir.Path) : ("Database", database.ConnectionString));
        var migrations = store.Db.Database.GetMigrations().ToList();
        await store.Db.GetService<IMigrator>().MigrateAsync(migrations[^4]);

        await store.InitializeAsync();

        Assert.Equal("3 migrations applied now", store.Applied.Single());
        await store.AssertUpToDateAsync();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Fleet nodes starting together on a new database: one makes the store, the others find it made.</summary>
    [Fact]
    public async Task Initializations_at_once_on_a_new_postgres_database_make_one_store()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var first = new Store(("Database", database.ConnectionString));
        await using var second = new Store(("Database", database.ConnectionString));
        await using var third = new Store(("Database", database.ConnectionString));

        await Task.WhenAll(Task.Run(first.InitializeAsync), Task.Run(second.InitializeAsync), Task.Run(third.InitializeAsync));

        Assert.Equal(
            [$"{first.MigrationCount} migrations applied now", "0 migrations applied now", "0 migrations applied now"],
            new[] { first, second, third }.Select(s => s.Applied.Single()).Order(StringComparer.Ordinal).Reverse());
        await first.AssertUpToDateAsync();
    }

    /// <summary>
    /// An older Fieldlink (or any plain <c>MigrateAsync</c>) migrating the same new database at the same time. EF Core 10
    /// with Npgsql 10 does not keep two plain <c>MigrateAsync</c> calls apart (each migration commits on its own, and the
    /// second call's "relation already exists" fails it: tried, 2026-12-01), so neither can this: one of the two may fail
    /// as it would beside another plain migration. What must hold is that no interleaving leaves a half-made store:
    /// the script is one transaction and each migration another, so the start that follows (the failed process's
    /// restart) finds a store it can bring up to date, every migration applied once.
    /// </summary>
    [Fact]
    public async Task An_initialization_beside_a_plain_migration_of_a_new_postgres_database_leaves_a_whole_store()
    {
        for (var round = 0; round < 3; round++)
        {
            await using var database = await TestPostgres.CreateDatabaseAsync();
            await using var initialized = new Store(("Database", database.ConnectionString));
            await using var migrated = new Store(("Database", database.ConnectionString));

            var both = Task.WhenAll(Task.Run(initialized.InitializeAsync), Task.Run(() => migrated.Db.Database.MigrateAsync()));
            try
            {
                await both;
            }
            catch (PostgresException) when (both.Exception!.InnerExceptions.Count == 1)
            {
                // Only what two plain migrations also do to each other: one found a relation (or a column) the other had made.
                Assert.Contains(((PostgresException)both.Exception.InnerExceptions[0]).SqlState, new[] { PostgresErrorCodes.DuplicateTable, PostgresErrorCodes.DuplicateColumn, PostgresErrorCodes.DuplicateObject, PostgresErrorCodes.DuplicateFunction, PostgresErrorCodes.UniqueViolation });
            }

            await using var restarted = new Store(("Database", database.ConnectionString));
            await restarted.InitializeAsync();
            await restarted.AssertUpToDateAsync();
        }
    }

    /// <summary>As EF Core's MigrateAsync does, the initializer creates a PostgreSQL database that does not exist yet.</summary>
    [Fact]
    public async Task A_postgres_database_that_does_not_exist_is_created()
    {
        var name = "fieldlink_test_" + Guid.NewGuid().ToString("N")[..16];
        await using var database = new TestDatabase(name, new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Database = name }.ConnectionString);
        await using var first = new Store(("Database", database.ConnectionString));
        await using var second = new Store(("Database", database.ConnectionString));

        await Task.WhenAll(Task.Run(first.InitializeAsync), Task.Run(second.InitializeAsync));

        await first.AssertUpToDateAsync();
    }

    /// <summary>One process's store services, as the server and the CLI register them, and what its initializer logged.</summary>
    private sealed class Store : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly AsyncServiceScope _scope;
        private readonly ConcurrentQueue<string> _messages = new();

        public Store(params (string Key, string Value)[] settings)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
            _services = new ServiceCollection()
                .AddSingleton<IConfiguration>(configuration)
                .AddLogging(logging => logging.AddProvider(new Messages(_messages)))
                .AddFieldlinkStorage()
                .AddLive()
                .BuildServiceProvider();
            _scope = _services.CreateAsyncScope();
        }

        public FieldlinkDbContext Db => _scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();

        public int MigrationCount => Db.Database.GetMigrations().Count();

        /// <summary>The initializer's "N migrations applied now", one per run.</summary>
        public IEnumerable<string> Applied => _messages.Select(m => m[(m.IndexOf('(', StringComparison.Ordinal) + 1)..^1]);

        public Task InitializeAsync() => _scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync(CancellationToken.None);

        /// <summary>Every migration applied once, nothing pending, one settings row, the people's roles.</summary>
        public async Task AssertUpToDateAsync()
        {
            await using var scope = _services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(MigrationCount, await CountAsync("""SELECT count(*) FROM "__EFMigrationsHistory" """));
            Assert.Equal(1, await db.Settings.CountAsync());
            Assert.Equal(PersonRoles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
        }

        public async Task<long> CountAsync(string sql)
        {
            await using var scope = _services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            var count = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            await db.Database.CloseConnectionAsync();
            return count;
        }

        public async ValueTask DisposeAsync()
        {
            await _scope.DisposeAsync();
            await _services.DisposeAsync();
        }
    }

    /// <summary>Keeps the initializer's "store is up to date" messages.</summary>
    private sealed class Messages(ConcurrentQueue<string> messages) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => categoryName == typeof(StoreInitializer).FullName ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (message.Contains("migrations applied now", StringComparison.Ordinal))
            {
                messages.Enqueue(message);
            }
        }

        public void Dispose()
        {
        }
    }
}
