using System.Collections.Concurrent;
using System.Data.Common;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Live;
using Fieldlink.Core.Providers;
using Fieldlink.Storage.Postgres;
using Fieldlink.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Fieldlink.Storage.Tests;

/// <summary>
/// On PostgreSQL, while the server runs, the notice of a write that committed on its own goes to the other processes
/// from <see cref="LooseNotices"/>: the writer does not wait for it, a notice the database refuses is sent again, the
/// notices of writes made meanwhile go together, and stopping sends what is queued. Before the start and after the
/// stop, the writer sends its own. A LISTEN connection of the test's stands for the other processes; the contexts the
/// queue makes (from the services) pass a gate that can hold or refuse them, the writers' own contexts do not.
/// </summary>
public sealed class LooseNoticesTests : IAsyncLifetime
{
    private readonly NoticeGate _gate = new();
    private readonly ConcurrentQueue<string> _heard = new();
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private NpgsqlConnection _listener = null!;
    private DbContextOptions<PostgresFieldlinkDbContext> _writerOptions = null!;
    private Guid _instanceId;

    private LooseNotices Notices => _services.GetRequiredService<LooseNotices>();

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        var connectionString = PostgresStorage.ToConnectionString(_database.ConnectionString);
        _writerOptions = new DbContextOptionsBuilder<PostgresFieldlinkDbContext>().UseNpgsql(connectionString).Options;
        var options = new DbContextOptionsBuilder<PostgresFieldlinkDbContext>().UseNpgsql(connectionString).AddInterceptors(_gate).Options;
        _services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddLive()
            .AddScoped<FieldlinkDbContext>(sp => new PostgresFieldlinkDbContext(options, TimeProvider.System, sp.GetRequiredService<LiveChanges>()))
            .BuildServiceProvider();

        await using (var db = new PostgresFieldlinkDbContext(_writerOptions))
        {
            await db.Database.MigrateAsync();
            var provider = new Provider { Id = Guid.NewGuid(), Name = "Acme Cloud", Connector = "mqtt" };
            var instance = new ProviderInstance { Id = Guid.NewGuid(), ProviderId = provider.Id, Name = "Acme EU" };
            db.AddRange(provider, instance);
            await db.SaveChangesAsync();
            _instanceId = instance.Id;
        }

        _listener = new NpgsqlConnection(_database.ConnectionString);
        await _listener.OpenAsync();
        _listener.Notification += (_, e) => _heard.Enqueue(e.Payload);
        await using var listen = new NpgsqlCommand($"LISTEN {PostgresChangeNotices.Channel}", _listener);
        await listen.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        _gate.Open();
        await Notices.StopAsync(CancellationToken.None);
        await _listener.DisposeAsync();
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task While_running_a_write_returns_before_its_notice_is_sent_and_the_notices_of_writes_made_meanwhile_go_together()
    {
        await Notices.StartAsync(CancellationToken.None);
        _gate.Close();

        var first = await AddDeviceAsync("pump-1");
        await _gate.HeldAsync(1);
        var second = await AddDeviceAsync("pump-2");
        var third = await AddDeviceAsync("pump-3");
        await Task.Delay(200);
        Assert.Empty(_heard);

        _gate.Open();
        Assert.Equal([[first], [.. new[] { second, third }.Order()]], await HeardAsync(2));
        Assert.Equal(2, _gate.Sent);
    }

    [Fact]
    public async Task A_notice_the_database_refuses_is_sent_again()
    {
        await Notices.StartAsync(CancellationToken.None);
        _gate.Refuse(1);

        var device = await AddDeviceAsync("pump-1");

        Assert.Equal([[device]], await HeardAsync(1));
        Assert.Equal((2, 1), (_gate.Reached, _gate.Sent));
    }

    [Fact]
    public async Task Stopping_sends_what_is_queued_and_before_the_start_and_after_the_stop_the_writer_sends_its_own()
    {
        Assert.False(Notices.TryQueue([RecordChange.Any(RecordKind.Device)]));
        _gate.Close();
        var beforeStart = await AddDeviceAsync("pump-0");
        Assert.Equal([[beforeStart]], await HeardAsync(1));
        Assert.Equal(0, _gate.Reached);

        await Notices.StartAsync(CancellationToken.None);
        _gate.Close();
        var queued = await AddDeviceAsync("pump-1");
        await _gate.HeldAsync(1);
        var stopping = Notices.StopAsync(CancellationToken.None);
        await Task.Delay(200);
        Assert.False(stopping.IsCompleted);
        _gate.Open();
        await stopping;
        Assert.Equal([[queued]], (await HeardAsync(2)).Skip(1));

        _gate.Close();
        Assert.False(Notices.TryQueue([RecordChange.Any(RecordKind.Device)]));
        var afterStop = await AddDeviceAsync("pump-2");
        Assert.Equal([[afterStop]], (await HeardAsync(3)).Skip(2));
        Assert.Equal(1, _gate.Reached);
    }

    private async Task<Guid> AddDeviceAsync(string deviceId)
    {
        await using var db = new PostgresFieldlinkDbContext(_writerOptions, TimeProvider.System, _services.GetRequiredService<LiveChanges>());
        var device = new Device { Name = deviceId, DeviceId = deviceId, ProviderInstanceId = _instanceId };
        db.Add(device);
        await db.SaveChangesAsync();
        return device.Id;
    }

    /// <summary>Waits for <paramref name="count"/> notices and gives the device ids each named, in order.</summary>
    private async Task<List<List<Guid>>> HeardAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_heard.Count < count && DateTime.UtcNow < deadline)
        {
            await _listener.WaitAsync(TimeSpan.FromMilliseconds(100));
        }

        return [.. _heard.Select(payload =>
        {
            Assert.True(ChangePayload.TryDecode(payload, out _, out var changes));
            return changes.Select(c => c.Id).Order().ToList();
        })];
    }

    /// <summary>Holds or refuses the connections the queue opens, and counts those that reached it and those it let through.</summary>
    private sealed class NoticeGate : DbConnectionInterceptor
    {
        private readonly Lock _lock = new();
        private TaskCompletionSource _open = Opened();
        private int _reached;
        private int _refusals;
        private int _sent;

        public int Reached => Volatile.Read(ref _reached);

        public int Sent => Volatile.Read(ref _sent);

        public void Close()
        {
            lock (_lock)
            {
                if (_open.Task.IsCompleted)
                {
                    _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }

        public void Open()
        {
            lock (_lock)
            {
                _open.TrySetResult();
            }
        }

        public void Refuse(int times) => Volatile.Write(ref _refusals, times);

        /// <summary>Waits until <paramref name="count"/> connections in all have reached the gate.</summary>
        public async Task HeldAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Reached < count)
            {
                Assert.True(DateTime.UtcNow < deadline, "the queue opened no connection");
                await Task.Delay(10);
            }
        }

        public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(
            DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reached);
            Task open;
            lock (_lock)
            {
                open = _open.Task;
            }

            await open;
            if (Interlocked.Decrement(ref _refusals) >= 0)
            {
                throw new InvalidOperationException("The database refused the connection.");
            }

            Interlocked.Increment(ref _sent);
            return result;
        }

        private static TaskCompletionSource Opened()
        {
            var open = new TaskCompletionSource();
            open.SetResult();
            return open;
        }
    }
}
