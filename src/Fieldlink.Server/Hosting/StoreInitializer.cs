using System.Data.Common;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Core.Settings;
using Fieldlink.Storage.Postgres;
using Fieldlink.Storage.Sqlite;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fieldlink.Server.Hosting;

/// <summary>
/// Brings the store up to date: makes a new one from its migrations' SQL or applies migrations to an existing one, switches SQLite to WAL, makes sure the IoT settings row
/// exists, and the people's roles (<see cref="PersonRoles"/>), and, with <c>FIELDLINK_ADMIN_KEY</c>, the Administrator key. Safe to run from several processes at once.
/// </summary>
public sealed class StoreInitializer(FieldlinkDbContext db, ApiKeyStore keys, StorageTarget target, IConfiguration configuration, ILogger<StoreInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (!target.IsPostgres)
        {
            // WAL lets readers go on while one writer writes; the mode is stored in the file, so once is enough.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }

        // Migrating a store that is up to date still takes the migrations lock and, first, compares the migrations
        // with the model built from the code (EF Core's pending-model-changes check): most of a restart's time, spent
        // to learn nothing. So a restart only reads the history table; a store with anything pending (an upgrade,
        // another process half way through) is migrated under the lock as before.
        var all = db.Database.GetMigrations().Count();
        var pending = await PendingMigrationsAsync(cancellationToken);
        var isNew = pending is null || pending.Count == all;
        int applied;
        if (isNew && await CreateFromScriptAsync(cancellationToken))
        {
            applied = all;
        }
        else
        {
            if (isNew)
            {
                // Made or being migrated by another process meanwhile: what is left is what its history says now.
                pending = await PendingMigrationsAsync(cancellationToken) ?? [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
            }

            if (pending!.Count > 0)
            {
                await db.Database.MigrateAsync(cancellationToken);
            }

            applied = pending.Count;
        }

        HostingLog.StoreMigrated(logger, target.Display, applied);

        if (!await db.Settings.AnyAsync(cancellationToken))
        {
            db.Settings.Add(new IoTSettings { Id = IoTSettings.SingletonId });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (db.Classify(ex) == StoreError.UniqueViolation)
            {
                // Another process created it first; that row is the one.
                db.ChangeTracker.Clear();
            }
        }

        await EnsureRolesAsync(cancellationToken);

        if (configuration["ADMIN_KEY"] is { Length: > 0 } adminKey)
        {
            await keys.EnsureAdministratorAsync(adminKey, cancellationToken);
            HostingLog.AdminKeyEnsured(logger);
        }
    }

    /// <summary>
    /// A new store (no migration applied) is made from the SQL its migrations generate, shipped with its storage
    /// assembly, in one transaction, instead of by <c>MigrateAsync</c>, whose migrator builds and finalizes every
    /// migration's model to generate that SQL: some thousands of methods compiled and their type data kept for the life
    /// of the process (issue 15). False when the store turned out not to be new (another process made it first, or an
    /// upgrade is under way); the script's own locking keeps it from interleaving with any <c>MigrateAsync</c>.
    /// </summary>
    private Task<bool> CreateFromScriptAsync(CancellationToken cancellationToken) => target.IsPostgres
        ? PostgresFreshStore.TryCreateAsync(db.Database, cancellationToken)
        : SqliteFreshStore.TryCreateAsync(db.Database, cancellationToken);

    /// <summary>
    /// The migrations in the code that the store's history table does not list, as EF Core's
    /// <c>GetPendingMigrationsAsync</c> says, or null when the history cannot be read (a new store: no table, on
    /// PostgreSQL perhaps no database yet; or a store that cannot be reached, whose error the next step surfaces).
    /// Read with one plain query: EF Core reads the history table through a model of it that it builds with its whole
    /// convention set, some 1,000 methods to compile on every start to read one column. The table's and column's names
    /// are EF Core's defaults, which Fieldlink keeps; the ids are compared as EF Core's migrator compares them, ignoring
    /// case.
    /// </summary>
    private async Task<IReadOnlyList<string>?> PendingMigrationsAsync(CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"""SELECT "MigrationId" FROM "{HistoryRepository.DefaultTableName}";""";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }
        catch (DbException)
        {
            return null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return [.. db.Database.GetMigrations().Where(id => !applied.Contains(id))];
    }

    /// <summary>
    /// Adds the Identity roles a person can have, written directly (the role manager is the web app's) with the
    /// normalized name Identity looks them up by.
    /// </summary>
    private async Task EnsureRolesAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Roles.Select(r => r.Name!).ToListAsync(cancellationToken);
        var missing = PersonRoles.All.Except(existing).ToList();
        if (missing.Count == 0)
        {
            // A restart's case: nothing to save, and saving nothing still runs change detection.
            return;
        }

        foreach (var role in missing)
        {
            db.Roles.Add(new IdentityRole<Guid>(role)
            {
                Id = Guid.CreateVersion7(),
                NormalizedName = role.ToUpperInvariant(),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (db.Classify(ex) == StoreError.UniqueViolation)
        {
            // Another process added them first.
            db.ChangeTracker.Clear();
        }
    }
}
