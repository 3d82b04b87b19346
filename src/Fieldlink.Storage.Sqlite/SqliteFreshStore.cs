using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Fieldlink.Storage.Sqlite;

/// <summary>
/// Creates a new, empty SQLite store from <c>Migrations/FreshStore.sql</c>: the script EF Core's migrator generates from
/// no migration to the last (<c>IMigrator.GenerateScript</c>, history rows included), shipped in this assembly. Applying
/// every migration through <c>MigrateAsync</c> instead makes EF Core build and finalize each migration's target model to
/// generate that same SQL, thousands of methods compiled and their type data kept for the life of the process (issue 15).
/// <c>StoreTests.Fresh_store_script_is_what_the_migrations_generate_now</c> fails when the script is stale.
/// </summary>
public static class SqliteFreshStore
{
    /// <summary>The name of the embedded script (the project file's <c>LogicalName</c>).</summary>
    public const string ResourceName = "FreshStore.sql";

    /// <summary>The shipped script, as EF Core generated it.</summary>
    public static string Script()
    {
        using var stream = typeof(SqliteFreshStore).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Fieldlink.Storage.Sqlite lacks its embedded {ResourceName}; its project file embeds Migrations/FreshStore.sql under that name.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Applies <see cref="Script"/> in one transaction when the store has no migration applied and none under way;
    /// true when it did, false when the store is not new (it is then <c>MigrateAsync</c>'s).
    /// </summary>
    /// <remarks>
    /// The transaction is <c>BEGIN IMMEDIATE</c>: it holds SQLite's write lock from the first check to the commit, so
    /// nothing can write between them. EF Core's own migrator writes before it reads the history (the history table,
    /// then its lock row in <c>__EFMigrationsLock</c>), so a <c>MigrateAsync</c> in another connection either finished
    /// before (the history has rows), holds its lock (the lock row is there), or waits for this commit and then finds
    /// every migration applied. SQLite ignores the script's <c>PRAGMA foreign_keys</c> (around EF Core's table rebuilds)
    /// inside a transaction; with no rows in any table, enforcing foreign keys through a rebuild changes nothing.
    /// </remarks>
    public static async Task<bool> TryCreateAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var script = Script();
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (SqliteConnection)database.GetDbConnection();
            using var transaction = connection.BeginTransaction(deferred: false);
            if (await HasRowsAsync(connection, "__EFMigrationsHistory", cancellationToken)
                || await HasRowsAsync(connection, "__EFMigrationsLock", cancellationToken))
            {
                return false;
            }

            using var command = connection.CreateCommand();
            command.CommandText = script;
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    private static async Task<bool> HasRowsAsync(SqliteConnection connection, string table, CancellationToken cancellationToken)
    {
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name;";
        exists.Parameters.AddWithValue("$name", table);
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            return false;
        }

        using var rows = connection.CreateCommand();
        rows.CommandText = $"""SELECT EXISTS (SELECT 1 FROM "{table}");""";
        return (long)(await rows.ExecuteScalarAsync(cancellationToken))! != 0;
    }
}
