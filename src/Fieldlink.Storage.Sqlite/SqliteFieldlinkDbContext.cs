using Fieldlink.Core.Data;
using Fieldlink.Core.Readings;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fieldlink.Storage.Sqlite;

/// <summary>The embedded store: one SQLite file in WAL mode.</summary>
public sealed class SqliteFieldlinkDbContext(DbContextOptions<SqliteFieldlinkDbContext> options, TimeProvider? time = null)
    : FieldlinkDbContext(options, time)
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintForeignKey = 787;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public override ReadingsSql ReadingsSql => SqliteReadingsSql.Instance;

    public override StoreError Classify(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.InnerException is SqliteException { SqliteErrorCode: SqliteConstraint } sqlite)
        {
            return sqlite.SqliteExtendedErrorCode switch
            {
                SqliteConstraintUnique or SqliteConstraintPrimaryKey => StoreError.UniqueViolation,
                SqliteConstraintForeignKey => StoreError.ForeignKeyViolation,
                _ => StoreError.Other,
            };
        }

        return StoreError.Other;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no date type: as text, DateTimeOffset can be neither ordered nor compared in SQL. Stored as
        // a 64-bit number it can, and every time Fieldlink stores is UTC, so the order is the order of instants.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Reading>().Property(r => r.Timestamp).HasConversion(new UnixMicrosecondsConverter());
    }
}
