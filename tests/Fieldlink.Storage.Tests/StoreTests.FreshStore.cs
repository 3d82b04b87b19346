using System.Data.Common;
using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fieldlink.Storage.Tests;

/// <summary>
/// A new store is made from the SQL its migrations generate, shipped as <c>Migrations/FreshStore.sql</c>, instead of by
/// migrating it (issue 15): these tests keep that copy the migrations' own and the store it makes the migrated one.
/// </summary>
public abstract partial class StoreTests
{
    /// <summary>Set to 1, <see cref="Fresh_store_script_is_what_the_migrations_generate_now"/> rewrites the shipped script instead of failing.</summary>
    public const string WriteFreshStoreScriptVariable = "FIELDLINK_WRITE_FRESH_STORE_SQL";

    private const string WriteFreshStoreScript =
        $"{WriteFreshStoreScriptVariable}=1 ./test.sh --filter \"FullyQualifiedName~Fresh_store_script_is_what_the_migrations_generate_now\"";

    /// <summary>The store's shipped script.</summary>
    protected abstract string ShippedFreshStoreScript();

    /// <summary>The store's <c>TryCreateAsync</c>: applies the script unless the store is not new.</summary>
    protected abstract Task<bool> CreateFromScriptAsync(FieldlinkDbContext db);

    /// <summary>Another empty database of this store kind, deleted with this test's.</summary>
    protected abstract Task<Func<FieldlinkDbContext>> NewEmptyStoreAsync();

    /// <summary>Every table, column, index, constraint and the like of the store, one line each, ordered.</summary>
    protected abstract Task<IReadOnlyList<string>> SchemaAsync(FieldlinkDbContext db);

    /// <summary>
    /// Generates the script as EF Core's migrator does for all migrations (the SQL of <c>dotnet ef migrations script</c>
    /// with <c>--no-transactions</c>: the initializer runs it in a transaction of its own) and compares it with the
    /// shipped one, so that a new migration or EF Core version cannot ship with a stale copy.
    /// </summary>
    [Fact]
    public async Task Fresh_store_script_is_what_the_migrations_generate_now()
    {
        await using var db = NewContext();
        var generated = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.NoTransactions).ReplaceLineEndings("\n");
        var assembly = db.GetType().Assembly.GetName().Name!;
        if (generated == ShippedFreshStoreScript().ReplaceLineEndings("\n"))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(WriteFreshStoreScriptVariable) == "1")
        {
            await File.WriteAllTextAsync(Path.Combine(RepositoryRoot(), "src", assembly, "Migrations", "FreshStore.sql"), generated);
            return;
        }

        Assert.Fail($"{assembly}'s Migrations/FreshStore.sql is not the SQL its migrations generate now; regenerate it with: {WriteFreshStoreScript}");
    }

    [Fact]
    public async Task A_store_made_by_the_script_is_the_store_its_migrations_make()
    {
        var newStore = await NewEmptyStoreAsync();
        await using (var created = newStore())
        {
            Assert.True(await CreateFromScriptAsync(created));
        }

        await using var scripted = newStore();
        await using var migrated = NewContext();
        Assert.Equal(await SchemaAsync(migrated), await SchemaAsync(scripted));
        Assert.Equal(await HistoryAsync(migrated), await HistoryAsync(scripted));
        Assert.Empty(await scripted.Database.GetPendingMigrationsAsync());

        // A later MigrateAsync (an upgrade to this same code) has nothing to do and changes nothing.
        await scripted.Database.MigrateAsync();
        Assert.Equal(await SchemaAsync(migrated), await SchemaAsync(scripted));
        Assert.Equal(await HistoryAsync(migrated), await HistoryAsync(scripted));
    }

    [Fact]
    public async Task The_script_leaves_a_store_with_migrations_alone()
    {
        await using var db = NewContext();
        var history = await HistoryAsync(db);

        Assert.False(await CreateFromScriptAsync(db));
        Assert.Equal(history, await HistoryAsync(db));
    }

    /// <summary>The history table's rows, as "id version" lines in order.</summary>
    protected static Task<IReadOnlyList<string>> HistoryAsync(FieldlinkDbContext db) =>
        RowsAsync(db, "history", """SELECT "MigrationId", "ProductVersion" FROM "__EFMigrationsHistory" ORDER BY "MigrationId";""");

    /// <summary>Each row of <paramref name="sql"/> as one line, its values joined, prefixed with <paramref name="kind"/>.</summary>
    protected static async Task<IReadOnlyList<string>> RowsAsync(FieldlinkDbContext db, string kind, string sql)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lines = new List<string>();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                lines.Add($"{kind}: {string.Join(" | ", values)}");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return lines;
    }
}
