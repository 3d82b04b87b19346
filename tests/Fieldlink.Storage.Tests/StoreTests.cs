using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Fieldlink.Storage.Tests;

/// <summary>
/// What the store must guarantee, written once and run on every database: a subclass per database supplies a
/// fresh, empty database per test (xunit makes a new instance for each test) and the context that opens it.
/// The real migrations build the schema, so the tests check what operators will run, not <c>EnsureCreated</c>.
/// </summary>
public abstract partial class StoreTests : IAsyncLifetime
{
    /// <summary>Whole seconds, so the time survives every database's precision unchanged.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The clock every context stamps <c>CreatedAt</c> and <c>UpdatedAt</c> from.</summary>
    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Creates the empty database <see cref="NewContext"/> will open.</summary>
    protected abstract Task CreateDatabaseAsync();

    /// <summary>A new context on this test's database, so a read after a write comes from the database, not the change tracker.</summary>
    protected abstract FieldlinkDbContext NewContext();

    /// <summary>
    /// A context on this test's database that announces its commits to <paramref name="live"/> (as the server's do),
    /// with <paramref name="interceptors"/> besides the store's own.
    /// </summary>
    protected abstract FieldlinkDbContext NewLiveContext(Fieldlink.Core.Live.LiveChanges live, params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors);

    /// <summary>Drops or deletes this test's database.</summary>
    protected abstract Task DeleteDatabaseAsync();

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        try
        {
            await using var db = NewContext();
            await db.Database.MigrateAsync();
        }
        catch
        {
            // xunit does not dispose a test whose InitializeAsync failed, e.g. on a model no migration covers.
            await DeleteDatabaseAsync();
            throw;
        }
    }

    public Task DisposeAsync() => DeleteDatabaseAsync();

    /// <summary>Adds the entities in one context and saves them together.</summary>
    protected async Task AddAsync(params object[] entities)
    {
        await using var db = NewContext();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }

    /// <summary>Reads an entity back through a new context.</summary>
    protected async Task<T> ReloadAsync<T>(Guid id)
        where T : Entity
    {
        await using var db = NewContext();
        return await db.Set<T>().AsNoTracking().SingleAsync(e => e.Id == id);
    }

    /// <summary>
    /// Makes a change that the database must refuse and returns how <see cref="FieldlinkDbContext.Classify"/>
    /// names the refusal; fails the test when the database accepts the change.
    /// </summary>
    protected async Task<StoreError> RefusedAsync(Action<FieldlinkDbContext> change)
    {
        await using var db = NewContext();
        change(db);
        return await SaveRefusedAsync(db);
    }

    /// <summary>Deletes an entity that the database must keep; see <see cref="RefusedAsync"/>.</summary>
    protected async Task<StoreError> DeleteRefusedAsync<T>(Guid id)
        where T : Entity
    {
        await using var db = NewContext();
        db.Remove(await db.Set<T>().SingleAsync(e => e.Id == id));
        return await SaveRefusedAsync(db);
    }

    private static async Task<StoreError> SaveRefusedAsync(FieldlinkDbContext db)
    {
        var exception = await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        return db.Classify(exception);
    }

    /// <summary>A provider with an instance, the least a device needs.</summary>
    protected async Task<ProviderInstance> AddInstanceAsync(string providerName = "Acme Cloud", string instanceName = "Acme EU")
    {
        var provider = new Provider { Id = Guid.NewGuid(), Name = providerName, Connector = "simulator" };
        var instance = new ProviderInstance { ProviderId = provider.Id, Name = instanceName };
        await AddAsync(provider, instance);
        return instance;
    }

    protected static Device NewDevice(ProviderInstance instance, string deviceId) =>
        new() { Name = "Device " + deviceId, DeviceId = deviceId, ProviderInstanceId = instance.Id };
}
