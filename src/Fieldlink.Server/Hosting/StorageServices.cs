using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Storage.Postgres;
using Fieldlink.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fieldlink.Server.Hosting;

/// <summary>Registers the store and what works on it; shared by the server and the CLI commands.</summary>
public static class StorageServices
{
    public static IServiceCollection AddFieldlinkStorage(this IServiceCollection services)
    {
        // The target is read when first needed, not now, so every configuration source (including a test
        // host's overrides) has been applied by then.
        services.AddSingleton(sp => StorageTarget.From(sp.GetRequiredService<IConfiguration>()));
        // Pooled: a context is set up once (its options, its internal services, its sets) and reset for the next scope,
        // instead of per request; set up per scope it was most of the CPU of queuing one command (issue 15's profile).
        // The options are built once from the root provider, which is all they read. The context's own state (changes
        // awaiting announcement) is dropped when a scope disposes it (FieldlinkDbContext.Dispose), so none passes on.
        services.AddDbContextPool<SqliteFieldlinkDbContext>((sp, options) => QuietRebuilds(Quiet(SqliteFieldlinkDbContext.WithSqliteInterceptors(options.UseSqlite(sp.GetRequiredService<StorageTarget>().ConnectionString)))));
        services.AddDbContextPool<PostgresFieldlinkDbContext>((sp, options) => Quiet(FieldlinkDbContext.WithCommitAnnouncements(options.UseNpgsql(sp.GetRequiredService<StorageTarget>().ConnectionString))));
        services.AddScoped<FieldlinkDbContext>(sp => sp.GetRequiredService<StorageTarget>().IsPostgres
            ? sp.GetRequiredService<PostgresFieldlinkDbContext>()
            : sp.GetRequiredService<SqliteFieldlinkDbContext>());
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<ApiKeyStore>();
        services.AddScoped<StoreInitializer>();
        return services;
    }

    /// <summary>
    /// A write a constraint refuses is an answer (409), not a fault, so EF's own error logs of it would cry wolf;
    /// a real failure still reaches the exception handler, which logs it as an error.
    /// </summary>
    /// <remarks>
    /// Migrating also skips EF Core's check that the migrations cover the model (<c>PendingModelChangesWarning</c>,
    /// an error by default): to make it, EF builds the whole model again from <c>OnModelCreating</c> with every
    /// convention and compares it with the last migration's, on every start that migrates, a fresh one included
    /// (about 1,500 methods to compile and their type data kept for the life of the process). The check is a
    /// developer's, made where it belongs: <c>StoreTests.Model_has_no_changes_that_a_migration_does_not_cover</c> fails on either
    /// store when a model change has no migration.
    /// </remarks>
    private static DbContextOptionsBuilder Quiet(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w
            .Log(
                (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                (RelationalEventId.CommandError, LogLevel.Debug))
            .Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <summary>
    /// EF Core's SQLite provider rebuilds a table (to add a foreign key, say) between <c>PRAGMA foreign_keys = 0</c> and
    /// <c>= 1</c>, which SQLite ignores inside a transaction, so it runs the pragma outside one; since EF Core 9 that
    /// pragma of its own making draws the warning meant for a migration's hand-written non-transactional SQL
    /// (dotnet/efcore#35871; the fix that kept the rebuild in one transaction was reverted for losing rows, #37598).
    /// Our migrations have no such SQL of their own, so the warning, once per rebuilding migration on a fresh store,
    /// only alarms; it stays at Debug. PostgreSQL keeps it: there it would mean a migration of ours.
    /// </summary>
    private static DbContextOptionsBuilder QuietRebuilds(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug)));
}
