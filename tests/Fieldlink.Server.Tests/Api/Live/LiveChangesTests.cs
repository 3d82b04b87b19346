using System.Net;
using Fieldlink.Core.Live;
using Fieldlink.Server.Tests.Api.Ingestion;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Live;

/// <summary>
/// What the API and the connectors write reaches the process's change feed once, after the commit, with the device it
/// concerns. On PostgreSQL this process's own notifications come back through its listener and are not published again.
/// </summary>
public abstract class LiveChangesTests(FieldlinkServer server)
{
    /// <summary>Long enough for a notification of this process's own to come back through the listener.</summary>
    private static readonly TimeSpan Echo = TimeSpan.FromMilliseconds(500);

    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task An_alert_posted_through_the_API_is_published_once_with_its_device_and_its_status_change_too()
    {
        await NoAutoPullAsync(_admin);
        var instance = await Registry.VendorInstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        using var feed = new FeedRecorder(server);

        var alert = (await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = (string)device["deviceId"]!, description = "Overheating" })).AlertId();

        await feed.WaitForAsync(c => c.Id == alert, "the new alert");
        await Task.Delay(Echo);
        Assert.Equal([new RecordChange(RecordKind.Alert, alert, device.Id())], feed.Changes.Where(c => c.Id == alert));
        Assert.Single(feed.Batches, b => b.Any(c => c.Id == alert));

        var patched = await _admin.PatchJsonAsync($"/api/v1/alerts/{alert}", new { status = "InProgress" });
        Assert.True(patched.IsSuccessStatusCode, await patched.Content.ReadAsStringAsync());

        await feed.WaitForAsync(c => c.Id == alert && feed.Changes.Count(x => x.Id == alert) == 2, "the status change");
        await Task.Delay(Echo);
        Assert.Equal(2, feed.Changes.Count(c => c.Id == alert));
    }

    [Fact]
    public async Task An_alert_a_connector_raises_is_published_once()
    {
        await NoAutoPullAsync(_admin);
        var instance = await Registry.VendorInstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        using var feed = new FeedRecorder(server);

        await (await _admin.PostJsonAsync($"/api/v1/devices/{device.Id()}/actions/raise-alert", new { description = "Compressor stalled" })).ReadObjectAsync(HttpStatusCode.OK);

        await feed.WaitForAsync(c => c.Kind == RecordKind.Alert && c.DeviceId == device.Id(), "the connector's alert");
        await Task.Delay(Echo);
        Assert.Single(feed.Changes, c => c.Kind == RecordKind.Alert && c.DeviceId == device.Id());
    }

    [Fact]
    public async Task A_command_is_published_as_it_is_queued_and_each_time_the_connector_moves_it()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        using var feed = new FeedRecorder(server);

        var command = (await (await _admin.PostJsonAsync($"/api/v1/devices/{device.Id()}/commands", new { name = "Reboot" })).ReadObjectAsync(HttpStatusCode.Accepted)).Id();

        await feed.WaitForAsync(c => c.Id == command, "the queued command");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while ((string?)(await (await _admin.GetAsync($"/api/v1/commands/{command}")).ReadObjectAsync(HttpStatusCode.OK))["status"] != "Succeeded")
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The command did not succeed.");
            await Task.Delay(50);
        }

        await Task.Delay(Echo);
        var published = feed.Changes.Where(c => c.Id == command).ToList();
        Assert.All(published, c => Assert.Equal(new RecordChange(RecordKind.Command, command, device.Id()), c));

        // Queued, Sent, and the device's answer (Delivered and Succeeded, in one report or two): no batch twice.
        Assert.InRange(published.Count, 3, 4);
    }

    [Fact]
    public async Task A_device_s_reported_state_is_published_once_for_a_batch_and_its_telemetry_once_as_its_readings()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var deviceId = (string)device["deviceId"]!;
        using var feed = new FeedRecorder(server);

        await (await _admin.PostJsonAsync($"/api/v1/ingest/state?instance={instance.Id()}", new object[]
        {
            new { deviceId, connectionState = "Connected" },
            new { deviceId, reportedProperties = new { firmware = "1.2" } },
        })).ReadResultsAsync();
        await (await _admin.PostJsonAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", new { deviceId, values = new { temperature = 21.5 } })).ReadResultsAsync();

        await feed.WaitForAsync(c => c.Id == device.Id(), "the device's new state");
        await feed.WaitForAsync(c => c.Kind == RecordKind.Reading, "the device's readings");
        await Task.Delay(Echo);

        // Of this device: the instance just created may still report its connection (a change of no device) meanwhile.
        Assert.Equal([new RecordChange(RecordKind.Device, device.Id(), device.Id()), RecordChange.Any(RecordKind.Reading, device.Id())], feed.Changes.Where(c => c.DeviceId == device.Id()));
    }

    /// <summary>An alert's automatic data pull changes it again (its data record linked): these tests count the ingestion's announcement alone.</summary>
    internal static async Task NoAutoPullAsync(HttpClient admin) =>
        await (await admin.PatchJsonAsync("/api/v1/settings", new { autoPullOnAlert = false })).ReadObjectAsync(HttpStatusCode.OK);
}

public sealed class LiveChangesOnSqliteTests(SqliteServer server) : LiveChangesTests(server), IClassFixture<SqliteServer>;

public sealed class LiveChangesOnPostgresTests(PostgresServer server) : LiveChangesTests(server), IClassFixture<PostgresServer>;
