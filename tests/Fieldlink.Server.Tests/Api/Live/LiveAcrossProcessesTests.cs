using Fieldlink.Core.Live;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Storage.Postgres;
using Fieldlink.Testing;
using Npgsql;

namespace Fieldlink.Server.Tests.Api.Live;

/// <summary>
/// Two servers on one PostgreSQL database: what one commits reaches the other's pages within 2 seconds through
/// LISTEN/NOTIFY, and a listener whose connection is killed connects again, tells its pages to reload, and hears on.
/// </summary>
public sealed class LiveAcrossProcessesTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private PostgresServer _writer = null!;
    private PostgresServer _reader = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        _writer = PostgresServer.On(_database);
        await ((IAsyncLifetime)_writer).InitializeAsync();
        _reader = PostgresServer.On(_database);
        await ((IAsyncLifetime)_reader).InitializeAsync();
        await ListeningAsync(_writer, 1);
        await ListeningAsync(_reader, 1);
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_reader).DisposeAsync();
        await ((IAsyncLifetime)_writer).DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task An_alert_stored_by_one_process_reaches_the_other_s_feed_within_two_seconds_once()
    {
        var admin = _writer.Client();
        await LiveChangesTests.NoAutoPullAsync(admin);
        var instance = await Registry.VendorInstanceAsync(admin);
        var device = await Registry.DeviceAsync(admin, instance.Id());
        using var feed = new FeedRecorder(_reader);

        var alert = (await AlertPosts.CreateAsync(admin, instance.Id(), new { deviceId = (string)device["deviceId"]!, description = "Overheating" })).AlertId();

        Assert.Equal(new RecordChange(RecordKind.Alert, alert, device.Id()), await feed.WaitForAsync(c => c.Id == alert, "the other process's alert"));
        await Task.Delay(500);
        Assert.Single(feed.Changes, c => c.Id == alert);
    }

    [Fact]
    public async Task A_listener_whose_connection_is_killed_listens_again_and_its_pages_reload()
    {
        var admin = _writer.Client();
        var instance = await Registry.VendorInstanceAsync(admin);
        using var feed = new FeedRecorder(_reader);

        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()", connection);
            kill.Parameters.Add(new NpgsqlParameter { Value = PostgresChangeListener.ApplicationName });
            Assert.Equal(2L, await kill.ExecuteScalarAsync());
        }

        await ListeningAsync(_reader, 2);
        await feed.WaitForAsync(c => c == RecordChange.Any(RecordKind.Alert), "the call to reload everything");
        var alert = (await AlertPosts.CreateAsync(admin, instance.Id(), new { deviceId = "unit-1", description = "Overheating" })).AlertId();
        await feed.WaitForAsync(c => c.Id == alert, "an alert stored after the listener recovered");
    }

    private static async Task ListeningAsync(FieldlinkServer server, int connections)
    {
        var listener = server.Services.GetRequiredService<PostgresChangeListener>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (listener.Connections < connections)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The listener did not connect {connections} times.");
            await Task.Delay(20);
        }
    }
}
