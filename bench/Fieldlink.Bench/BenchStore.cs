using Fieldlink.Core.Alerts;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Live;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Readings;
using Fieldlink.Core.Settings;
using Fieldlink.Core.Thresholds;
using Fieldlink.Core.Webhooks;
using Fieldlink.Storage.Postgres;
using Fieldlink.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Bench;

/// <summary>
/// The store a benchmark runs on, wired as the server wires it (the same DbContext subclasses, <c>AddReadings()</c>),
/// without HTTP, so what is measured is the storage path.
/// </summary>
public sealed class BenchStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private BenchStore(ServiceProvider services, bool isPostgres)
    {
        _services = services;
        IsPostgres = isPostgres;
    }

    public bool IsPostgres { get; }

    /// <summary>Opens and migrates the store: a PostgreSQL connection string (with <c>Host=</c>) or a SQLite file path.</summary>
    public static async Task<BenchStore> OpenAsync(string database, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null)
    {
        var isPostgres = PostgresStorage.Recognizes(database);
        var services = new ServiceCollection();

        // Pooled contexts, as the server's (StorageServices): a context made anew per scope costs its setup per batch
        // (measured: a quarter of the telemetry figure's CPU went to compiling and reflection it repeats), which the
        // server does not pay.
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        if (isPostgres)
        {
            services.AddDbContextPool<PostgresFieldlinkDbContext>(o => FieldlinkDbContext.WithCommitAnnouncements(o.UseNpgsql(PostgresStorage.ToConnectionString(database))));
            services.AddScoped<FieldlinkDbContext>(sp => sp.GetRequiredService<PostgresFieldlinkDbContext>());
        }
        else
        {
            services.AddDbContextPool<SqliteFieldlinkDbContext>(o => SqliteFieldlinkDbContext.WithSqliteInterceptors(o.UseSqlite(SqliteStorage.ToConnectionString(database))));
            services.AddScoped<FieldlinkDbContext>(sp => sp.GetRequiredService<SqliteFieldlinkDbContext>());
        }

        services.AddSingleton(TimeProvider.System);
        services.AddReadings();
        services.AddThresholds();
        services.AddAlerts();
        services.AddWebhooks();
        configure?.Invoke(services);

        // As in the server: every commit of the bench's writers is announced (pg_notify on PostgreSQL).
        services.AddLive();
        var store = new BenchStore(services.BuildServiceProvider(), isPostgres);
        await using var scope = store.Scope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        if (!isPostgres)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }

        await db.Database.MigrateAsync(cancellationToken);
        return store;
    }

    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    /// <summary>The store's scopes, for a server service that opens its own per call (the web app's models).</summary>
    public IServiceScopeFactory Scopes => _services.GetRequiredService<IServiceScopeFactory>();

    /// <summary>
    /// A category called <paramref name="name"/> whose measures (<c>measure0</c>, …) have the thresholds
    /// <paramref name="low"/> and <paramref name="high"/> (default hysteresis), and the IoT settings row the alert
    /// pipeline reads, as a server's start-up would make it.
    /// </summary>
    public async Task<Guid> ThresholdCategoryAsync(string name, int measures, double low, double high, CancellationToken cancellationToken)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        if (!await db.Settings.AnyAsync(cancellationToken))
        {
            db.Settings.Add(new IoTSettings { Id = IoTSettings.SingletonId });
        }

        var category = new DeviceCategory
        {
            Name = name,
            Measures = [.. Enumerable.Range(0, measures).Select(m => new Measure { Name = $"measure{m}", Low = low, High = high })],
        };
        db.DeviceCategories.Add(category);
        await db.SaveChangesAsync(cancellationToken);
        return category.Id;
    }

    /// <summary>How many alerts the instance has.</summary>
    public async Task<int> AlertCountAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        return await db.Alerts.CountAsync(a => a.ProviderInstanceId == instanceId, cancellationToken);
    }

    /// <summary>
    /// The devices of the instance called <paramref name="name"/>, creating the provider, instance and
    /// <paramref name="count"/> devices (<c>{name}-0</c>, …, in <paramref name="categoryId"/>) when the instance is
    /// new; the flag says which.
    /// </summary>
    public async Task<(Guid InstanceId, List<Device> Devices, bool Created)> DevicesAsync(string name, int count, Guid? categoryId, CancellationToken cancellationToken)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var instance = await db.ProviderInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Name == name, cancellationToken);
        if (instance is not null)
        {
            var existing = await db.Devices.AsNoTracking().Where(d => d.ProviderInstanceId == instance.Id).OrderBy(d => d.Name).ToListAsync(cancellationToken);
            return (instance.Id, existing, false);
        }

        var provider = new Provider { Name = name, Connector = "bench" };
        db.Providers.Add(provider);
        await db.SaveChangesAsync(cancellationToken);
        instance = new ProviderInstance { ProviderId = provider.Id, Name = name };
        db.ProviderInstances.Add(instance);
        await db.SaveChangesAsync(cancellationToken);
        var devices = Enumerable.Range(0, count)
            .Select(i => new Device { Id = Guid.CreateVersion7(), Name = $"{name}-{i:D6}", DeviceId = $"{name}-{i:D6}", ProviderInstanceId = instance.Id, CategoryId = categoryId })
            .ToList();
        db.Devices.AddRange(devices);
        await db.SaveChangesAsync(cancellationToken);
        return (instance.Id, devices, true);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
