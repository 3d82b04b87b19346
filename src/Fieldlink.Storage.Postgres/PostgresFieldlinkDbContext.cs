using Fieldlink.Core.Alerts;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Data;
using Fieldlink.Core.Live;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Readings;
using Fieldlink.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fieldlink.Storage.Postgres;

/// <summary>The store for larger fleets and several processes: PostgreSQL.</summary>
public sealed class PostgresFieldlinkDbContext(DbContextOptions<PostgresFieldlinkDbContext> options, TimeProvider? time = null, LiveChanges? live = null)
    : FieldlinkDbContext(options, time, live)
{
    public override ReadingsSql ReadingsSql => PostgresReadingsSql.Instance;

    public override AlertsSql AlertsSql => PostgresAlertsSql.Default;

    public override WebhookOutboxSql WebhookOutboxSql => PostgresWebhookOutboxSql.Default;

    public override CommandsSql CommandsSql => PostgresCommandsSql.Default;

    public override ChangeNotices ChangeNotices => PostgresChangeNotices.Default;

    /// <summary>Transaction-scoped advisory locks, taken in key order so two batches never wait on each other in a circle.</summary>
    public override async ValueTask<IAsyncDisposable> LockAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count > 0)
        {
            var ordered = keys.Distinct().Order().ToArray();
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(k) FROM unnest({ordered}) AS k ORDER BY k", cancellationToken);
        }

        return NoLock.Instance;
    }

    /// <remarks>
    /// Npgsql says what passes (<see cref="NpgsqlException.IsTransient"/>): a connection that failed or broke, a
    /// timeout, and the server's serialization failures, deadlocks, shutdowns and lack of resources. SQLSTATE class 22
    /// (data exception: a division by zero, an overflow, a NUL in text) is the statement's own values.
    /// </remarks>
    public override StoreError Classify(Exception exception)
    {
        foreach (var cause in Chain(exception))
        {
            switch (cause)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                    return StoreError.UniqueViolation;
                case PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation }:
                    return StoreError.ForeignKeyViolation;
                case PostgresException { SqlState: ['2', '2', _, _, _] }:
                    return StoreError.InvalidValue;
                case NpgsqlException { IsTransient: true }:
                case TimeoutException:
                    return StoreError.Transient;
                case NpgsqlException:
                    return StoreError.Other;
            }
        }

        return StoreError.Other;
    }

    /// <summary>Advisory transaction locks end with the transaction: nothing to release.</summary>
    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // JSON documents are jsonb, so they can be indexed and queried in the database.
        builder.Entity<Device>().Property(d => d.ReportedProperties).HasColumnType("jsonb");
        builder.Entity<ProviderInstance>().Property(p => p.Settings).HasColumnType("jsonb");

        // Every alert batch moves its groups' parents on (child count, last occurrence). With full pages each of those
        // updates writes a new row elsewhere and an entry in every index of the table; a fifth of each page kept free
        // lets nearly all of them stay on their page, touching no index (heap-only updates): measured, 9,100 alerts/s
        // became 12,600 and the table a quarter smaller (docs/benchmarks.md). Pages already written keep their fill.
        builder.Entity<Alert>().HasStorageParameter("fillfactor", 80);

        // The alerts list's text search (a substring of a description, a device id or a device name) is answered by
        // trigram indexes of the lowercased text, which EF Core cannot model: the AlertSearchIndexes migration makes them.
        builder.HasPostgresExtension("pg_trgm");
    }
}
