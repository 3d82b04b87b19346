using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Fieldlink.Storage.Postgres;

/// <summary>
/// Creates a new, empty PostgreSQL store from <c>Migrations/FreshStore.sql</c>: the script EF Core's migrator generates
/// from no migration to the last (<c>IMigrator.GenerateScript</c>, history rows included), shipped in this assembly.
/// Applying every migration through <c>MigrateAsync</c> instead makes EF Core build and finalize each migration's target
/// model to generate that same SQL, thousands of methods compiled and their type data kept for the life of the process
/// (issue 15). <c>StoreTests.Fresh_store_script_is_what_the_migrations_generate_now</c> fails when the script is stale.
/// </summary>
public static class PostgresFreshStore
{
    /// <summary>The name of the embedded script (the project file's <c>LogicalName</c>).</summary>
    public const string ResourceName = "FreshStore.sql";

    // The two-key form of the advisory lock, a key space apart from the one-key locks on alert groups and cases.
    private const int LockClass = 0x46_4C_4B; // "FLK"
    private const int LockObject = 1;

    private const string HistoryTable = "__EFMigrationsHistory";

    /// <summary>The shipped script, as EF Core generated it.</summary>
    public static string Script()
    {
        using var stream = typeof(PostgresFreshStore).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Fieldlink.Storage.Postgres lacks its embedded {ResourceName}; its project file embeds Migrations/FreshStore.sql under that name.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Creates the database if it does not exist (as <c>MigrateAsync</c> does), then applies <see cref="Script"/> in one
    /// transaction when the store has no migration applied; true when it did, false when the store is not new (it is
    /// then <c>MigrateAsync</c>'s). Safe to run from several processes at once: one applies the script, the rest return
    /// false after it committed.
    /// </summary>
    /// <remarks>
    /// EF Core's <c>MigrateAsync</c> creates its history table on its own, outside any transaction, and takes
    /// <c>LOCK TABLE "__EFMigrationsHistory" IN ACCESS EXCLUSIVE MODE</c> in its migration transactions. This does the
    /// same: the history table first (the script's first statement, EF Core's own <c>CREATE TABLE IF NOT EXISTS</c>,
    /// committed under an advisory lock so that two fleet nodes do not race to create it, which PostgreSQL answers
    /// with a unique violation), then the script under EF Core's lock, only if the history is still empty. So the
    /// script runs once however many processes start, and never beside a migration of EF Core's in flight. EF Core 10
    /// does not keep two plain <c>MigrateAsync</c> calls on a new database apart (each migration commits on its own;
    /// the later one fails on a relation that already exists), and a plain one beside this may fail the same way; the
    /// store is never left half made, and that process's restart finds it whole (StoreInitializerTests).
    /// </remarks>
    public static async Task<bool> TryCreateAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var script = Script();
        var createHistory = HistoryTableStatement(script);
        await CreateDatabaseAsync(database, cancellationToken);
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)database.GetDbConnection();
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockClass}, {LockObject});\n{createHistory}", cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await ExecuteAsync(connection, $"""LOCK TABLE "{HistoryTable}" IN ACCESS EXCLUSIVE MODE;""", cancellationToken);
                await using var rows = new NpgsqlCommand($"""SELECT EXISTS (SELECT 1 FROM "{HistoryTable}");""", connection);
                if ((bool)(await rows.ExecuteScalarAsync(cancellationToken))!)
                {
                    return false;
                }

                await ExecuteAsync(connection, script, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return true;
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The script's first statement, EF Core's creation of its history table if it is missing; taken from the script
    /// so that it is always the one EF Core generates.
    /// </summary>
    private static string HistoryTableStatement(string script)
    {
        var end = script.IndexOf(';', StringComparison.Ordinal);
        var statement = end < 0 ? "" : script[..(end + 1)];
        return statement.StartsWith($"""CREATE TABLE IF NOT EXISTS "{HistoryTable}" """, StringComparison.Ordinal)
            ? statement
            : throw new InvalidOperationException($"Fieldlink.Storage.Postgres's {ResourceName} does not begin with the creation of {HistoryTable}; regenerate it as docs/architecture.md says.");
    }

    /// <summary>
    /// What <c>MigrateAsync</c> does first for a database that does not exist: EF Core's database creator makes it. A
    /// unique violation on the database's name means another process created it first; the database is there.
    /// </summary>
    private static async Task CreateDatabaseAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        var creator = database.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
