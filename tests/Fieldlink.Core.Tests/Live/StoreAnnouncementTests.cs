using Fieldlink.Core.Commands;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Live;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Fieldlink.Storage.Sqlite;
using Fieldlink.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Fieldlink.Core.Tests.Live;

/// <summary>
/// The store announces each write of a watched record once, after it commits and never before or without: what
/// SaveChanges wrote by itself, and what set-based writes named. On SQLite, through the real migrations.
/// </summary>
public sealed class StoreAnnouncementTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ChangeFeed _feed = new(NullLogger<ChangeFeed>.Instance);
    private readonly List<IReadOnlyList<RecordChange>> _batches = [];
    private readonly LiveChanges _live;
    private readonly IDisposable _subscription;
    private Guid _instanceId;

    public StoreAnnouncementTests()
    {
        _live = new LiveChanges(_feed, NullLogger<LiveChanges>.Instance);
        _subscription = _feed.Subscribe(_batches.Add);
    }

    public async Task InitializeAsync()
    {
        await using var db = NewContext(live: false);
        await db.Database.MigrateAsync();
        var provider = new Provider { Id = Guid.NewGuid(), Name = "Acme Cloud", Connector = "simulator" };
        var instance = new ProviderInstance { ProviderId = provider.Id, Name = "Acme EU" };
        db.AddRange(provider, instance);
        await db.SaveChangesAsync();
        _instanceId = instance.Id;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task SaveChanges_outside_a_transaction_announces_what_it_wrote_once_after_saving()
    {
        await using var db = NewContext();
        var device = NewDevice();
        db.Add(device);

        await db.SaveChangesAsync();

        var batch = Assert.Single(_batches);
        Assert.Equal([new RecordChange(RecordKind.Device, device.Id, device.Id)], batch);
    }

    [Fact]
    public async Task A_transaction_announces_its_writes_in_one_batch_when_it_commits_and_never_when_it_rolls_back()
    {
        await using var db = NewContext();
        var first = NewDevice();
        var second = NewDevice();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Add(first);
            await db.SaveChangesAsync();
            await db.ChangedAsync([new RecordChange(RecordKind.Alert, Guid.CreateVersion7(), first.Id)], default);
            db.Add(second);
            await db.SaveChangesAsync();
            Assert.Empty(_batches);

            await transaction.CommitAsync();
        }

        var batch = Assert.Single(_batches);
        Assert.Equal(3, batch.Count);
        Assert.Contains(new RecordChange(RecordKind.Device, second.Id, second.Id), batch);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Add(NewDevice());
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        // A transaction disposed without a commit leaves nothing for the next one to announce.
        db.ChangeTracker.Clear();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.ChangedAsync([RecordChange.Any(RecordKind.Case)], default);
        }

        var third = NewDevice();
        db.Add(third);
        await db.SaveChangesAsync();

        Assert.Equal(2, _batches.Count);
        Assert.Equal([new RecordChange(RecordKind.Device, third.Id, third.Id)], _batches[1]);
    }

    [Fact]
    public async Task A_failed_save_announces_nothing()
    {
        await using var db = NewContext();
        db.Add(new Device { Name = "Orphan", DeviceId = Guid.NewGuid().ToString("N"), ProviderInstanceId = Guid.NewGuid() });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Empty(_batches);
    }

    [Fact]
    public async Task Command_transitions_announce_each_command_moved_with_its_device_and_nothing_for_a_refused_move()
    {
        var device = NewDevice();
        Command command;
        await using (var setup = NewContext(live: false))
        {
            setup.Add(device);
            await setup.SaveChangesAsync();
            command = new Command { DeviceRecordId = device.Id, Name = "reboot", Status = CommandStatus.Queued };
            setup.Add(command);
            await setup.SaveChangesAsync();
        }

        await using var db = NewContext();
        var transitions = new CommandTransitions(db, new WebhookOutbox(db, new WebhookSubscriptionCache(Options.Create(new WebhookOptions()), _time), new WebhookSignal(_time), _time));

        Assert.True(await transitions.CancelAsync(command.Id, null, _time.GetUtcNow(), default));
        Assert.False(await transitions.CancelAsync(command.Id, null, _time.GetUtcNow(), default));

        var batch = Assert.Single(_batches);
        Assert.Equal([new RecordChange(RecordKind.Command, command.Id, device.Id)], batch);
    }

    private Device NewDevice() => new() { Name = "Pump", DeviceId = Guid.NewGuid().ToString("N"), ProviderInstanceId = _instanceId };

    private SqliteFieldlinkDbContext NewContext(bool live = true) => new(
        new DbContextOptionsBuilder<SqliteFieldlinkDbContext>().UseSqlite(SqliteStorage.ToConnectionString(Path.Combine(_directory.Path, "fieldlink.db"))).Options,
        _time,
        live ? _live : null);
}
