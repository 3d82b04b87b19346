using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Api.Ingestion;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Devices;

/// <summary><c>POST /api/v1/ingest/state</c> end to end over HTTP, on both databases.</summary>
public abstract class StateIngestionApiTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Reported_properties_are_merged_at_the_top_level_and_null_removes_one()
    {
        var (instance, device) = await DeviceAsync();
        var deviceId = (string)device["deviceId"]!;

        await PostAsync(instance, new { deviceId, reportedProperties = new { firmware = "1.0", limits = new { high = 30 }, mode = "eco" } });
        await PostAsync(instance, new { deviceId, reportedProperties = new JsonObject { ["limits"] = new JsonObject { ["low"] = 5 }, ["mode"] = null, ["serial"] = "S-1" } });

        var read = await ReadAsync(device);
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse("""{"firmware":"1.0","limits":{"low":5},"serial":"S-1"}"""), read["reportedProperties"]),
            read["reportedProperties"]!.ToJsonString());
    }

    [Fact]
    public async Task A_change_of_connection_state_is_timestamped_and_a_repeat_keeps_the_time()
    {
        var (instance, device) = await DeviceAsync();
        var deviceId = (string)device["deviceId"]!;
        var before = DateTimeOffset.UtcNow;

        await PostAsync(instance, new { deviceId, connectionState = "Connected" });
        var connected = await ReadAsync(device);
        await PostAsync(instance, new { deviceId, connectionState = "Connected", reportedProperties = new { x = 1 } });
        var repeated = await ReadAsync(device);
        await PostAsync(instance, new { deviceId, connectionState = "Disconnected" });
        var disconnected = await ReadAsync(device);

        Assert.Equal("Connected", (string)connected["connectionState"]!);
        var changedAt = Time(connected, "connectionStateChangedAt");
        Assert.InRange(changedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(changedAt, Time(repeated, "connectionStateChangedAt"));
        Assert.Equal("Disconnected", (string)disconnected["connectionState"]!);
        Assert.True(Time(disconnected, "connectionStateChangedAt") > changedAt);
    }

    [Fact]
    public async Task Last_activity_defaults_to_now_and_never_moves_back()
    {
        var (instance, device) = await DeviceAsync();
        var deviceId = (string)device["deviceId"]!;
        var earlier = DateTimeOffset.UtcNow.AddHours(-1);
        var before = DateTimeOffset.UtcNow;

        await PostAsync(instance, new { deviceId });
        var now = Time(await ReadAsync(device), "lastActivityAt");
        await PostAsync(instance, new { deviceId, lastActivityAt = earlier });

        Assert.InRange(now, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(now, Time(await ReadAsync(device), "lastActivityAt"));
    }

    [Fact]
    public async Task Each_item_gets_its_result_in_order_and_the_valid_ones_are_applied()
    {
        var (instance, device) = await DeviceAsync();
        var deviceId = (string)device["deviceId"]!;
        var body = new JsonArray(
            new JsonObject { ["deviceId"] = deviceId, ["connectionState"] = "Connected" },
            new JsonObject { ["deviceId"] = "no-such-device", ["connectionState"] = "Connected" },
            new JsonObject { ["deviceId"] = deviceId, ["connectionState"] = "Sleeping" },
            new JsonObject { ["deviceId"] = deviceId, ["reportedProperties"] = "not an object" },
            new JsonObject { ["deviceId"] = deviceId, ["lastActivityAt"] = DateTimeOffset.UtcNow.AddDays(3) },
            new JsonObject { ["connectionState"] = "Connected" },
            new JsonObject { ["deviceId"] = deviceId, ["reportedProperties"] = new JsonObject { ["a"] = 1 } });

        var results = await PostAsync(instance, body);

        Assert.Equal(["stored", "unknownDevice", "invalid", "invalid", "invalid", "invalid", "stored"], results.Select(r => (string)r!["status"]!));
        Assert.True(results[2]!["errors"]!.AsObject().ContainsKey("connectionState"), results[2]!.ToJsonString());
        Assert.True(results[3]!["errors"]!.AsObject().ContainsKey("reportedProperties"), results[3]!.ToJsonString());
        Assert.True(results[4]!["errors"]!.AsObject().ContainsKey("lastActivityAt"), results[4]!.ToJsonString());
        Assert.True(results[5]!["errors"]!.AsObject().ContainsKey("deviceId"), results[5]!.ToJsonString());
        var read = await ReadAsync(device);
        Assert.Equal("Connected", (string)read["connectionState"]!);
        Assert.Equal(1, (int)read["reportedProperties"]!["a"]!);
    }

    [Fact]
    public async Task An_endpoint_key_may_not_set_the_state_of_another_instances_devices()
    {
        var (instance, _) = await DeviceAsync();
        var (other, theirDevice) = await DeviceAsync();
        var endpoint = server.Client(await Registry.KeyAsync(_admin, "Endpoint", instance.Id()));
        var item = new { deviceId = (string)theirDevice["deviceId"]!, connectionState = "Connected" };

        await (await endpoint.PostJsonAsync($"/api/v1/ingest/state?instance={other.Id()}", item)).ReadProblemAsync(HttpStatusCode.Forbidden);
        var own = await (await endpoint.PostJsonAsync("/api/v1/ingest/state", item)).ReadResultsAsync();

        Assert.Equal("unknownDevice", (string)own[0]!["status"]!);
        Assert.Equal("Unknown", (string)(await ReadAsync(theirDevice))["connectionState"]!);
    }

    private async Task<(JsonObject Instance, JsonObject Device)> DeviceAsync()
    {
        var instance = await Registry.InstanceAsync(_admin);
        return (instance, await Registry.DeviceAsync(_admin, instance.Id()));
    }

    private async Task<JsonArray> PostAsync(JsonObject instance, object body) =>
        await (await _admin.PostJsonAsync($"/api/v1/ingest/state?instance={instance.Id()}", body)).ReadResultsAsync();

    private async Task<JsonObject> ReadAsync(JsonObject device) =>
        await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}")).ReadObjectAsync(HttpStatusCode.OK);

    private static DateTimeOffset Time(JsonObject record, string field) =>
        DateTimeOffset.Parse((string)record[field]!, CultureInfo.InvariantCulture);
}

public sealed class StateIngestionApiOnSqliteTests(SqliteServer server) : StateIngestionApiTests(server), IClassFixture<SqliteServer>;

public sealed class StateIngestionApiOnPostgresTests(PostgresServer server) : StateIngestionApiTests(server), IClassFixture<PostgresServer>;
