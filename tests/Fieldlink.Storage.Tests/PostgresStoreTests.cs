using Fieldlink.Core.Data;
using Fieldlink.Storage.Postgres;
using Fieldlink.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Storage.Tests;

/// <summary>The store tests on PostgreSQL: a database of its own per test on the server test.sh starts.</summary>
public sealed class PostgresStoreTests : StoreTests
{
    private TestDatabase? _database;
    private readonly List<TestDatabase> _others = [];

    protected override async Task CreateDatabaseAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    protected override FieldlinkDbContext NewContext() => ContextOn(Database.ConnectionString);

    private PostgresFieldlinkDbContext ContextOn(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresFieldlinkDbContext>().UseNpgsql(PostgresStorage.ToConnectionString(connectionString)).Options, Time);

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

        foreach (var other in _others)
        {
            await other.DisposeAsync();
        }
    }

    protected override string ShippedFreshStoreScript() => PostgresFreshStore.Script();

    protected override Task<bool> CreateFromScriptAsync(FieldlinkDbContext db) => PostgresFreshStore.TryCreateAsync(db.Database, CancellationToken.None);

    protected override async Task<Func<FieldlinkDbContext>> NewEmptyStoreAsync()
    {
        var other = await TestPostgres.CreateDatabaseAsync();
        _others.Add(other);
        return () => ContextOn(other.ConnectionString);
    }

    /// <summary>
    /// The public schema as the catalogs describe it: columns with their types, defaults and identity, indexes with their
    /// definitions, constraints with theirs, triggers, functions, views, sequences and types; the names of a table's
    /// own row type and the like are left to PostgreSQL.
    /// </summary>
    protected override async Task<IReadOnlyList<string>> SchemaAsync(FieldlinkDbContext db) =>
    [
        .. await RowsAsync(db, "column", """
            SELECT table_name, column_name, ordinal_position, data_type, udt_name, character_maximum_length, numeric_precision,
                   numeric_scale, datetime_precision, is_nullable, column_default, is_identity, identity_generation, is_generated, generation_expression, collation_name
            FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
            """),
        .. await RowsAsync(db, "table", "SELECT c.relname, c.relkind, c.relpersistence, c.reloptions::text FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace ORDER BY c.relname"),
        .. await RowsAsync(db, "index", "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname"),
        .. await RowsAsync(db, "constraint", "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2"),
        .. await RowsAsync(db, "trigger", "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2"),
        .. await RowsAsync(db, "function", "SELECT proname, pg_get_function_identity_arguments(oid), md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1, 2"),
        .. await RowsAsync(db, "view", "SELECT viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY 1"),
        .. await RowsAsync(db, "sequence", "SELECT sequence_name, data_type, start_value, increment FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY 1"),
        .. await RowsAsync(db, "type", "SELECT typname, typtype FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typtype NOT IN ('c', 'b') ORDER BY 1"),
        .. await RowsAsync(db, "extension", "SELECT extname FROM pg_extension ORDER BY 1"),
    ];

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
