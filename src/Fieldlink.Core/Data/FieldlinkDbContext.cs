using Fieldlink.Core.Alerts;
using Fieldlink.Core.Assets;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Cases;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Connections;
using Fieldlink.Core.DeadLetters;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Live;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Readings;
using Fieldlink.Core.Settings;
using Fieldlink.Core.WorkOrders;
using Fieldlink.Core.Thresholds;
using Fieldlink.Core.Webhooks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fieldlink.Core.Data;

/// <summary>
/// The store. One base with the model; a subclass per database (Fieldlink.Storage.Sqlite,
/// Fieldlink.Storage.Postgres) adds what differs and owns that database's migrations. It is Identity's store too
/// (people who sign in, their roles), so a person and what they do live in one database, migrated together, and it
/// keeps the data-protection keys that encrypt their cookies, so every process on one database reads every cookie.
/// </summary>
public abstract partial class FieldlinkDbContext : IdentityDbContext<FieldlinkUser, IdentityRole<Guid>, Guid>, IDataProtectionKeyContext
{
    protected FieldlinkDbContext(DbContextOptions options, TimeProvider? time, LiveChanges? live = null)
        : base(options)
    {
        Time = time ?? TimeProvider.System;
        Live = live;
    }

    /// <summary>The clock that stamps records and dates new ids.</summary>
    internal TimeProvider Time { get; }

    public DbSet<Provider> Providers => Set<Provider>();

    public DbSet<ProviderInstance> ProviderInstances => Set<ProviderInstance>();

    public DbSet<Device> Devices => Set<Device>();

    public DbSet<DeviceCategory> DeviceCategories => Set<DeviceCategory>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<CustomerAsset> CustomerAssets => Set<CustomerAsset>();

    public DbSet<IoTSettings> Settings => Set<IoTSettings>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<RegistrationHistory> RegistrationHistory => Set<RegistrationHistory>();

    public DbSet<DeviceDataHistory> DeviceDataHistory => Set<DeviceDataHistory>();

    public DbSet<Command> Commands => Set<Command>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<Case> Cases => Set<Case>();

    public DbSet<WorkOrder> WorkOrders => Set<WorkOrder>();

    public DbSet<ReadingSeries> ReadingSeries => Set<ReadingSeries>();

    public DbSet<Reading> Readings => Set<Reading>();

    public DbSet<MeasureThresholdState> ThresholdStates => Set<MeasureThresholdState>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<DeadLetter> DeadLetters => Set<DeadLetter>();

    public DbSet<ConnectionReport> ConnectionReports => Set<ConnectionReport>();

    public DbSet<Fleet.FleetNode> FleetNodes => Set<Fleet.FleetNode>();

    public DbSet<Connectors.EventHubs.AzureIoTHubPartition> AzureIoTHubPartitions => Set<Connectors.EventHubs.AzureIoTHubPartition>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>This database's way of writing and bucketing readings fast (see <see cref="Readings.ReadingsSql"/>).</summary>
    public abstract ReadingsSql ReadingsSql { get; }

    /// <summary>This database's way of writing alert batches fast (see <see cref="Alerts.AlertsSql"/>). Default: EF Core.</summary>
    public virtual AlertsSql AlertsSql => AlertsSql.Default;

    /// <summary>This database's way of writing a batch of webhook outbox rows fast (see <see cref="Webhooks.WebhookOutboxSql"/>). Default: EF Core.</summary>
    public virtual WebhookOutboxSql WebhookOutboxSql => WebhookOutboxSql.Default;

    /// <summary>This database's way of moving a batch of commands (see <see cref="Commands.CommandsSql"/>). Default: EF Core, one update per command.</summary>
    public virtual CommandsSql CommandsSql => CommandsSql.Default;

    /// <summary>
    /// Takes exclusive locks on <paramref name="keys"/> for the current transaction, so work on the same keys (alerts
    /// of one group) is done one at a time, across every process that shares the database. Dispose after the commit.
    /// </summary>
    public abstract ValueTask<IAsyncDisposable> LockAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Tells why an operation on this database failed, in its terms: the constraint a write broke, a failure that
    /// passes (<see cref="StoreError.Transient"/>), or one that trying again will not fix (<see cref="StoreError.Other"/>).
    /// Looks through the whole chain of inner exceptions, so what EF Core or a caller wrapped is classified too.
    /// </summary>
    public abstract StoreError Classify(Exception exception);

    /// <summary>The exception and its inner ones, outermost first (every one of an aggregate).</summary>
    protected static IEnumerable<Exception> Chain(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var current))
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.Reverse())
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampWrites();
        int saved;
        try
        {
            saved = base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch
        {
            DroppedLooseLive();
            throw;
        }

        AnnounceLooseLive();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampWrites();
        int saved;
        try
        {
            saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch
        {
            DroppedLooseLive();
            throw;
        }

        await AnnounceLooseLiveAsync(cancellationToken);
        return saved;
    }

    /// <summary>
    /// Sets the timestamps and moves the version on, so every write changes the ETag; and notes the watched records
    /// written, to announce after the commit (<see cref="LiveChanges"/>).
    /// </summary>
    private void StampWrites()
    {
        var now = Time.GetUtcNow();
        TouchOwnersOfChangedOwnedEntities();
        var transaction = Live is null ? null : Database.CurrentTransaction?.GetDbTransaction();
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    Stamp.Created(entry.Entity, now);
                    break;
                case EntityState.Modified:
                    Stamp.Written(entry.Entity, entry.OriginalValues.GetValue<long>(nameof(Entity.Version)), now);
                    break;
                case EntityState.Deleted:
                    break;
                default:
                    continue;
            }

            if (Live is not null && LiveChangeOf(entry.Entity) is { } change)
            {
                PendingLive.Add(transaction, change);
            }
        }
    }

    /// <summary>
    /// An edit of a JSON-mapped owned entity (a category's measures) rewrites its owner's row but leaves the owner
    /// Unchanged; marking the owner's version modified makes it a write of the owner, version-checked and stamped.
    /// </summary>
    private void TouchOwnersOfChangedOwnedEntities()
    {
        var entries = ChangeTracker.Entries().ToList();
        foreach (var owned in entries.Where(e => e.Metadata.IsOwned() && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            var ownership = owned.Metadata.FindOwnership()!;
            var key = ownership.Properties.Select(p => owned.Property(p.Name).CurrentValue).ToList();
            var owner = entries.FirstOrDefault(e => e.Metadata == ownership.PrincipalEntityType
                && ownership.PrincipalKey.Properties.Select(p => e.Property(p.Name).CurrentValue).SequenceEqual(key));
            if (owner is { State: EntityState.Unchanged })
            {
                owner.Property(nameof(Entity.Version)).IsModified = true;
            }
        }
    }

    /// <summary>
    /// Drops the changes still awaiting a commit (noted in a transaction the scope disposed without committing or
    /// rolling back, which no interceptor hears of), so a pooled context starts its next scope with nothing of the last
    /// one's: pooling resets only what EF Core knows of, and Npgsql reuses a connection's transaction object, which the
    /// pending changes are matched by.
    /// </summary>
    public override void Dispose()
    {
        PendingLive.Drop(null);
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc cref="Dispose"/>
    public override ValueTask DisposeAsync()
    {
        PendingLive.Drop(null);
        GC.SuppressFinalize(this);
        return base.DisposeAsync();
    }

    /// <summary>
    /// Adds to <paramref name="options"/> what every Fieldlink context needs, however it is made: the interceptor that
    /// announces committed changes. A pooled context must get its interceptors in the options it is built with, since
    /// pooling forbids <see cref="OnConfiguring"/> to change them; a context made otherwise gets them there.
    /// </summary>
    public static DbContextOptionsBuilder WithCommitAnnouncements(DbContextOptionsBuilder options) => WithInterceptor(options, CommitInterceptor.Instance);

    /// <summary>Adds <paramref name="interceptor"/> to <paramref name="options"/> unless they have it already (see <see cref="WithCommitAnnouncements"/>).</summary>
    protected static DbContextOptionsBuilder WithInterceptor(DbContextOptionsBuilder options, IInterceptor interceptor)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Options.FindExtension<CoreOptionsExtension>()?.Interceptors?.Contains(interceptor) == true
            ? options
            : options.AddInterceptors(interceptor);
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        base.OnConfiguring(optionsBuilder);
        WithCommitAnnouncements(optionsBuilder);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(FieldlinkDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }
}
