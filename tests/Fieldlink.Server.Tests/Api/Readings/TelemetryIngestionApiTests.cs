using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Api.Ingestion;
using static Fieldlink.Server.Tests.Api.Readings.ReadingsFixture;

namespace Fieldlink.Server.Tests.Api.Readings;

/// <summary><c>POST /api/v1/ingest/telemetry</c> end to end over HTTP, on both databases.</summary>
public abstract class TelemetryIngestionApiTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Each_item_gets_its_result_in_order_and_the_valid_ones_are_stored()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var a = await Registry.DeviceAsync(_admin, instance.Id());
        var b = await Registry.DeviceAsync(_admin, instance.Id());
        var at = BaseTime.AddMinutes(5);
        var body = new JsonArray(
            new JsonObject { ["deviceId"] = (string)a["deviceId"]!, ["timestamp"] = at, ["values"] = new JsonObject { ["temperature"] = 21.5, ["humidity"] = 40 } },
            new JsonObject { ["deviceId"] = "no-such-device", ["values"] = new JsonObject { ["temperature"] = 1 } },
            new JsonObject { ["deviceId"] = (string)a["deviceId"]!, ["values"] = new JsonObject { ["temperature"] = "hot" } },
            new JsonObject { ["values"] = new JsonObject { ["temperature"] = 1 } },
            new JsonObject { ["deviceId"] = (string)a["deviceId"]!, ["timestamp"] = DateTimeOffset.UtcNow.AddDays(2), ["values"] = new JsonObject { ["temperature"] = 1 } },
            new JsonObject { ["deviceId"] = (string)b["deviceId"]!, ["values"] = new JsonObject { ["temperature"] = -3.25 } },
            new JsonObject { ["deviceId"] = (string)b["deviceId"]!, ["values"] = new JsonObject() },
            42,
            new JsonObject { ["deviceId"] = (string)b["deviceId"]!, ["values"] = new JsonObject { ["t"] = 1 }, ["colour"] = "red" });
        var before = DateTimeOffset.UtcNow;

        var results = await PostAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", body);

        Assert.Equal(
            ["stored", "unknownDevice", "invalid", "invalid", "invalid", "stored", "invalid", "invalid", "invalid"],
            results.Select(r => (string)r!["status"]!));
        Assert.Equal(Enumerable.Range(0, 9), results.Select(r => (int)r!["index"]!));
        Assert.Null(results[0]!["errors"]);
        Assert.True(Errors(results[2]).ContainsKey("values.temperature"), results[2]!.ToJsonString());
        Assert.True(Errors(results[3]).ContainsKey("deviceId"), results[3]!.ToJsonString());
        Assert.True(Errors(results[4]).ContainsKey("timestamp"), results[4]!.ToJsonString());
        Assert.True(Errors(results[6]).ContainsKey("values"), results[6]!.ToJsonString());
        Assert.True(Errors(results[7]).ContainsKey("item"), results[7]!.ToJsonString());
        Assert.True(Errors(results[8]).ContainsKey("colour"), results[8]!.ToJsonString());

        Assert.Equal([(at, 21.5)], await AllAsync(server, a.Id(), "temperature"));
        Assert.Equal([(at, 40.0)], await AllAsync(server, a.Id(), "humidity"));
        var (stamped, value) = Assert.Single(await AllAsync(server, b.Id(), "temperature"));
        Assert.Equal(-3.25, value);
        Assert.InRange(stamped, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Empty(await AllAsync(server, b.Id(), "t"));
    }

    [Fact]
    public async Task A_single_object_is_one_item_and_a_retry_overwrites_rather_than_duplicates()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var at = BaseTime.AddMinutes(7);

        var first = await PostAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", new { deviceId = (string)device["deviceId"]!, timestamp = at, values = new { t = 1.0 } });
        var retry = await PostAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", new { deviceId = (string)device["deviceId"]!, timestamp = at, values = new { t = 2.0 } });

        Assert.Equal("stored", (string)Assert.Single(first)!["status"]!);
        Assert.Equal("stored", (string)Assert.Single(retry)!["status"]!);
        Assert.Equal([(at, 2.0)], await AllAsync(server, device.Id(), "t"));
    }

    [Fact]
    public async Task Telemetry_moves_the_devices_last_activity_forward_only()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var deviceId = (string)device["deviceId"]!;
        var at = BaseTime.AddHours(2);

        await PostAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", new[] { new { deviceId, timestamp = at, values = new { t = 1.0 } } });
        await PostAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", new[] { new { deviceId, timestamp = at.AddHours(-1), values = new { t = 1.0 } } });

        var read = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(at, DateTimeOffset.Parse((string)read["lastActivityAt"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_endpoint_key_resolves_deviceIds_in_its_own_instance_and_may_name_no_other()
    {
        var mine = await Registry.InstanceAsync(_admin);
        var theirs = await Registry.InstanceAsync(_admin);
        var deviceId = Registry.Unique("shared");
        var myDevice = await Registry.DeviceAsync(_admin, mine.Id(), deviceId);
        var theirDevice = await Registry.DeviceAsync(_admin, theirs.Id(), deviceId);
        var endpoint = server.Client(await Registry.KeyAsync(_admin, "Endpoint", mine.Id()));
        var item = new { deviceId, timestamp = BaseTime, values = new { t = 5.0 } };

        var stored = await PostAsync("/api/v1/ingest/telemetry", item, endpoint);
        var named = await PostAsync($"/api/v1/ingest/telemetry?instance={mine.Id()}", item, endpoint);
        var forbidden = await endpoint.PostJsonAsync($"/api/v1/ingest/telemetry?instance={theirs.Id()}", item);

        Assert.Equal("stored", (string)stored[0]!["status"]!);
        Assert.Equal("stored", (string)named[0]!["status"]!);
        var problem = await forbidden.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains(theirs.Id().ToString(), (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal([(BaseTime, 5.0)], await AllAsync(server, myDevice.Id(), "t"));
        Assert.Empty(await AllAsync(server, theirDevice.Id(), "t"));
    }

    [Fact]
    public async Task An_administrator_must_name_a_known_instance()
    {
        var item = new { deviceId = "x", values = new { t = 1.0 } };

        await (await _admin.PostJsonAsync("/api/v1/ingest/telemetry", item)).ReadFieldErrorAsync("instance");
        await (await _admin.PostJsonAsync("/api/v1/ingest/telemetry?instance=not-a-guid", item)).ReadFieldErrorAsync("instance");
        var missing = Guid.NewGuid();
        var problem = await (await _admin.PostJsonAsync($"/api/v1/ingest/telemetry?instance={missing}", item)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(missing.ToString(), (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Technician")]
    [InlineData("Dispatcher")]
    public async Task Reading_roles_may_not_ingest(string role)
    {
        var instance = await Registry.InstanceAsync(_admin);
        var client = server.Client(await Registry.KeyAsync(_admin, role));

        await (await client.PostJsonAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", new { deviceId = "x", values = new { t = 1.0 } })).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await server.Client(key: null).PostJsonAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", new { deviceId = "x", values = new { t = 1.0 } })).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_thousand_items_are_taken_and_one_more_is_413_storing_nothing()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var deviceId = (string)device["deviceId"]!;
        var items = Enumerable.Range(0, 1001).Select(i => new { deviceId, timestamp = BaseTime.AddSeconds(i), values = new { t = (double)i } }).ToArray();

        var tooMany = await _admin.PostJsonAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", items);
        var problem = await tooMany.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1000", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Empty(await AllAsync(server, device.Id(), "t"));

        var results = await PostAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", items[..1000]);
        Assert.All(results, r => Assert.Equal("stored", (string)r!["status"]!));
        Assert.Equal(1000, (await AllAsync(server, device.Id(), "t")).Count);
    }

    [Fact]
    public async Task A_device_deleted_after_it_reported_is_unknown_to_the_next_report()
    {
        // The first report makes the server remember the device (TelemetryDeviceCache); its deletion must make it forget.
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var url = $"/api/v1/ingest/telemetry?instance={instance.Id()}";
        JsonArray Report() => [new JsonObject { ["deviceId"] = (string)device["deviceId"]!, ["values"] = new JsonObject { ["temperature"] = 20 } }];
        Assert.Equal("stored", (string)(await PostAsync(url, Report()))[0]!["status"]!);
        Assert.Equal("stored", (string)(await PostAsync(url, Report()))[0]!["status"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/devices/{device.Id()}")).StatusCode);

        Assert.Equal("unknownDevice", (string)(await PostAsync(url, Report()))[0]!["status"]!);
    }

    [Fact]
    public async Task A_body_that_is_not_json_items_is_refused_whole()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var url = $"/api/v1/ingest/telemetry?instance={instance.Id()}";

        await (await _admin.PostRawAsync(url, "[{\"deviceId\": ")).ReadFieldErrorAsync("body");
        await (await _admin.PostRawAsync(url, "\"text\"")).ReadFieldErrorAsync("body");
        await (await _admin.PostRawAsync(url, "deviceId=x", "application/x-www-form-urlencoded")).ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    private async Task<JsonArray> PostAsync(string url, object body, HttpClient? client = null) =>
        await (await (client ?? _admin).PostJsonAsync(url, body)).ReadResultsAsync();

    private static JsonObject Errors(JsonNode? result) => result!["errors"]!.AsObject();
}

public sealed class TelemetryIngestionApiOnSqliteTests(SqliteServer server) : TelemetryIngestionApiTests(server), IClassFixture<SqliteServer>;

public sealed class TelemetryIngestionApiOnPostgresTests(PostgresServer server) : TelemetryIngestionApiTests(server), IClassFixture<PostgresServer>;
