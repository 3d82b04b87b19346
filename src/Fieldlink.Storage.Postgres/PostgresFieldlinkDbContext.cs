using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Readings;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fieldlink.Storage.Postgres;

/// <summary>The store for larger fleets and several processes: PostgreSQL.</summary>
public sealed class PostgresFieldlinkDbContext(DbContextOptions<PostgresFieldlinkDbContext> options, TimeProvider? time = null)
    : FieldlinkDbContext(options, time)
{
    public override ReadingsSql ReadingsSql => PostgresReadingsSql.Instance;

    public override StoreError Classify(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => StoreError.UniqueViolation,
            PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } => StoreError.ForeignKeyViolation,
            _ => StoreError.Other,
        };
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // JSON documents are jsonb, so they can be indexed and queried in the database.
        modelBuilder.Entity<Device>().Property(d => d.ReportedProperties).HasColumnType("jsonb");
        modelBuilder.Entity<ProviderInstance>().Property(p => p.Settings).HasColumnType("jsonb");
    }
}
