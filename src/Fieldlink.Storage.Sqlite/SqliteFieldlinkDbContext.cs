using Fieldlink.Core.Data;
using Fieldlink.Core.Live;
using Fieldlink.Core.Readings;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Storage.Sqlite;

/// <summary>The embedded store: one SQLite file in WAL mode.</summary>
public sealed class SqliteFieldlinkDbContext(DbContextOptions<SqliteFieldlinkDbContext> options, TimeProvider? time = null, LiveChanges? live = null)
    : FieldlinkDbContext(options, time, live)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private const int SqliteConstraint = 19;

    // The result codes of a database that is busy, locked, or whose file cannot be read, written or opened now: a
    // failure that passes (https://www.sqlite.org/rescode.html).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteConstraintForeignKey = 787;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    // SQLite refuses a delete that ON DELETE RESTRICT forbids with this code rather than the foreign-key one;
    // the schema's own triggers (readings deleted with their series) never raise, so here it always means a restrict.
    private const int SqliteConstraintTrigger = 1811;

    public override ReadingsSql ReadingsSql => SqliteReadingsSql.Instance;

    /// <summary>
    /// SQLite serves one process, and has one writer at a time: one gate per process for every key is all the locking
    /// it needs, and cannot deadlock.
    /// </summary>
    public override async ValueTask<IAsyncDisposable> LockAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        return new Release();
    }

    public override StoreError Classify(Exception exception)
    {
        foreach (var cause in Chain(exception))
        {
            switch (cause)
            {
                case SqliteException { SqliteErrorCode: SqliteConstraint } sqlite:
                    return sqlite.SqliteExtendedErrorCode switch
                    {
                        SqliteConstraintUnique or SqliteConstraintPrimaryKey => StoreError.UniqueViolation,
                        SqliteConstraintForeignKey or SqliteConstraintTrigger => StoreError.ForeignKeyViolation,
                        _ => StoreError.Other,
                    };
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked or SqliteIoError or SqliteFull or SqliteCantOpen }:
                case TimeoutException:
                    return StoreError.Transient;
                case SqliteException:
                    return StoreError.Other;
            }
        }

        return StoreError.Other;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no date type: as text, DateTimeOffset can be neither ordered nor compared in SQL. Stored as
        // a 64-bit number of the UTC instant it can, whatever offset the time came with.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetToBinaryConverter>();
    }

    /// <summary>
    /// Adds to <paramref name="options"/> the interceptors every SQLite context needs: the commit announcements and the
    /// busy timeout. A pooled context must get them here (see <see cref="FieldlinkDbContext.WithCommitAnnouncements"/>).
    /// </summary>
    public static DbContextOptionsBuilder WithSqliteInterceptors(DbContextOptionsBuilder options) =>
        WithInterceptor(WithCommitAnnouncements(options), BusyTimeoutInterceptor.Instance);

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        base.OnConfiguring(optionsBuilder);
        WithInterceptor(optionsBuilder, BusyTimeoutInterceptor.Instance);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Reading>().Property(r => r.Timestamp).HasConversion(new UnixMicrosecondsConverter());
    }

    private sealed class Release : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
