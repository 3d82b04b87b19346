using System.Net;
using Fieldlink.Core.Data;
using Fieldlink.Core.Settings;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Fieldlink.Server.Tests.Thresholds.ThresholdFixture;

namespace Fieldlink.Server.Tests.Thresholds;

/// <summary>
/// Two server processes on one store, as MQTT shared subscriptions or a load balancer spread one device's telemetry
/// over them: each keeps the states in memory, and the store decides which of them raises a crossing's alert. Also
/// what happens when an alert cannot be stored. On both databases.
/// </summary>
public abstract class ThresholdsAcrossProcessesTests : IAsyncLifetime
{
    /// <summary>Makes a server on the test's own store; every server of a test shares it.</summary>
    protected abstract FieldlinkServer NewServer();

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    [Fact]
    public async Task A_crossing_another_process_stored_first_raises_no_second_alert()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        var (instance, device, deviceId) = await DeviceAsync(a.Client(), await CategoryAsync(a.Client()));
        await PostAsync(a.Client(), instance, deviceId, [(0, 25)]);
        await PostAsync(b.Client(), instance, deviceId, [(1, 25)]);

        // Each process sees a reading that crosses; b's memory still says Normal, the store says AboveHigh.
        await PostAsync(a.Client(), instance, deviceId, [(10, 31)]);
        await PostAsync(b.Client(), instance, deviceId, [(11, 32)]);

        Assert.Equal([BaseTime.AddSeconds(10)], (await AlertsAsync(a, device)).Select(x => x.AlertTime));
    }

    [Fact]
    public async Task The_same_batch_through_two_processes_raises_one_alert()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        var (instance, device, deviceId) = await DeviceAsync(a.Client(), await CategoryAsync(a.Client()));
        await PostAsync(a.Client(), instance, deviceId, [(0, 25)]);
        await PostAsync(b.Client(), instance, deviceId, [(0, 25)]);
        (int, double)[] batch = [(10, 31), (20, 25), (30, 33)];

        await PostAsync(a.Client(), instance, deviceId, batch);
        await PostAsync(b.Client(), instance, deviceId, batch);

        Assert.Equal([BaseTime.AddSeconds(10), BaseTime.AddSeconds(30)], (await AlertsAsync(a, device)).Select(x => x.AlertTime));
    }

    [Fact]
    public async Task Concurrent_crossings_through_two_processes_raise_one_alert()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        var (instance, device, deviceId) = await DeviceAsync(a.Client(), await CategoryAsync(a.Client()));
        await PostAsync(a.Client(), instance, deviceId, [(0, 25)]);
        await PostAsync(b.Client(), instance, deviceId, [(0, 25)]);

        await Task.WhenAll(Enumerable.Range(1, 16).Select(i => PostAsync((i % 2 == 0 ? a : b).Client(), instance, deviceId, [(i, 30 + i)])));

        Assert.Single(await AlertsAsync(a, device));
    }

    [Fact]
    public async Task A_return_to_normal_stored_by_another_process_is_learned_at_the_next_refresh()
    {
        var clock = NewClock();
        await using var a = await StartAsync(refresh: TimeSpan.FromSeconds(1));
        await using var b = await StartAsync(refresh: TimeSpan.FromSeconds(1), clock);
        var (instance, device, deviceId) = await DeviceAsync(a.Client(), await CategoryAsync(a.Client()));
        await PostAsync(a.Client(), instance, deviceId, [(0, 25)]);
        await PostAsync(b.Client(), instance, deviceId, [(0, 25)]);
        await PostAsync(a.Client(), instance, deviceId, [(10, 31)]);
        await PostAsync(b.Client(), instance, deviceId, [(11, 32)]); // b learns AboveHigh from the store
        await PostAsync(a.Client(), instance, deviceId, [(20, 25)]); // a stores Normal

        clock.Advance(TimeSpan.FromSeconds(1.5));
        await PostAsync(b.Client(), instance, deviceId, [(30, 33)]);

        Assert.Equal([BaseTime.AddSeconds(10), BaseTime.AddSeconds(30)], (await AlertsAsync(a, device)).Select(x => x.AlertTime));
    }

    [Fact]
    public async Task A_threshold_edited_through_another_process_applies_after_the_refresh_interval()
    {
        var clock = NewClock();
        await using var a = await StartAsync(refresh: TimeSpan.FromSeconds(1));
        await using var b = await StartAsync(refresh: TimeSpan.FromSeconds(1), clock);
        var category = await CategoryAsync(a.Client());
        var (instance, device, deviceId) = await DeviceAsync(a.Client(), category);
        await PostAsync(b.Client(), instance, deviceId, [(0, 25)]);

        var patched = await a.Client().PatchJsonAsync($"/api/v1/deviceCategories/{category}", new { measures = new[] { new { name = "temperature", unit = "°C", low = 2.0, high = 20.0 } } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        await PostAsync(b.Client(), instance, deviceId, [(10, 25)]);

        Assert.Equal("temperature 25 °C is above the high threshold 20 °C", Assert.Single(await AlertsAsync(a, device)).Description);
    }

    [Fact]
    public async Task A_crossing_whose_alert_could_not_be_stored_is_raised_with_a_later_batch_and_the_telemetry_is_stored()
    {
        await using var server = await StartAsync();
        var (instance, device, deviceId) = await DeviceAsync(server.Client(), await CategoryAsync(server.Client()));
        await PostAsync(server.Client(), instance, deviceId, [(0, 25)]);

        // Without the settings row the alert pipeline fails (and logs it): the crossing's batch must still be stored.
        using var _ = server.Log.ExpectErrors("ThresholdRules");
        await WithStoreAsync(server, db => db.Settings.ExecuteDeleteAsync());
        await PostAsync(server.Client(), instance, deviceId, [(10, 31)]);
        Assert.Empty(await AlertsAsync(server, device));
        Assert.Contains((BaseTime.AddSeconds(10), 31.0), await Api.Readings.ReadingsFixture.AllAsync(server, device, "temperature"));

        await WithStoreAsync(server, db =>
        {
            db.Settings.Add(new IoTSettings { Id = IoTSettings.SingletonId });
            return db.SaveChangesAsync();
        });
        await PostAsync(server.Client(), instance, deviceId, [(20, 20)]);
        await PostAsync(server.Client(), instance, deviceId, [(30, 31)]);

        // The crossing at 10 s is raised late but not lost; 20 s left AboveHigh, so 30 s is a crossing of its own.
        Assert.Equal([BaseTime.AddSeconds(10), BaseTime.AddSeconds(30)], (await AlertsAsync(server, device)).Select(x => x.AlertTime));
    }

    private async Task<FieldlinkServer> StartAsync(TimeSpan? refresh = null, TimeProvider? clock = null)
    {
        var server = NewServer();
        if (refresh is { } interval)
        {
            server.With("Thresholds:RefreshInterval", interval.ToString("c"));
        }

        if (clock is not null)
        {
            server.WithServices(services => services.AddSingleton(clock));
        }

        await ((IAsyncLifetime)server).InitializeAsync();
        return server;
    }

    /// <summary>A process's clock that a test moves past a refresh interval instead of waiting for it.</summary>
    private static FakeTimeProvider NewClock() => new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    private static async Task WithStoreAsync(FieldlinkServer server, Func<FieldlinkDbContext, Task> action)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>());
    }
}

public sealed class ThresholdsAcrossProcessesOnSqliteTests : ThresholdsAcrossProcessesTests
{
    private readonly TempDirectory _directory = new();

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return Task.CompletedTask;
    }

    protected override FieldlinkServer NewServer() => SqliteServer.At(Path.Combine(_directory.Path, "fieldlink.db"));
}

public sealed class ThresholdsAcrossProcessesOnPostgresTests : ThresholdsAcrossProcessesTests
{
    private TestDatabase? _database;

    public override async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override FieldlinkServer NewServer() => PostgresServer.On(_database!);
}
