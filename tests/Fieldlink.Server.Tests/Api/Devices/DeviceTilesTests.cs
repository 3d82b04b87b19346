using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Devices;

/// <summary><c>GET /api/v1/devices/{id}/tiles</c>: tile values folded and counted in the database, on both databases.</summary>
public abstract class DeviceTilesTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_categorys_tiles_answer_aggregates_of_the_window_and_counts_of_events()
    {
        var now = DateTimeOffset.UtcNow;
        var category = await _admin.CreateAsync("deviceCategories", new
        {
            name = Registry.Unique("Chiller"),
            measures = new[] { new { name = "temperature", unit = "°C" }, new { name = "humidity", unit = "%" } },
            tiles = new object[]
            {
                new { measure = "temperature", aggregation = "Average", timeRange = 1 },
                new { measure = "temperature", aggregation = "Max", timeRange = 90 },
                new { measure = "temperature", aggregation = "Latest", timeRange = 6, timeUnit = "Hours" },
                new { measure = "humidity", timeRange = 1 },
                new { source = "Alerts", timeRange = 1, position = 10 },
                new { source = "WorkOrders", timeRange = 30, position = 11 },
            },
        });
        var instance = await Registry.InstanceAsync(_admin);
        var device = await _admin.CreateAsync("devices", new { providerInstanceId = instance.Id(), name = Registry.Unique("Chiller"), deviceId = Registry.Unique("c"), categoryId = category.Id() });
        var deviceId = (string)device["deviceId"]!;
        await TelemetryAsync(instance.Id(), deviceId, (now.AddHours(-1), 10), (now.AddHours(-2), 20), (now.AddDays(-3), 100));
        var recent = await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId, description = "Hot", alertTime = now.AddHours(-1) });
        await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId, description = "Hot", alertTime = now.AddDays(-3) });
        var @case = await (await _admin.PostJsonAsync($"/api/v1/alerts/{recent.AlertId()}/case", new { })).ReadObjectAsync(HttpStatusCode.Created);
        await (await _admin.PostJsonAsync($"/api/v1/cases/{@case.Id()}/workOrder", new { })).ReadObjectAsync(HttpStatusCode.Created);

        var answer = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/tiles")).ReadObjectAsync(HttpStatusCode.OK);

        Assert.Equal("Category", (string)answer["origin"]!);
        var tiles = answer["tiles"]!.AsArray();
        Assert.Equal(6, tiles.Count);
        Assert.Equal(15.0, (double)tiles[0]!["value"]!, 6);
        Assert.Equal("°C", (string)tiles[0]!["unit"]!);
        Assert.Equal("Average temperature, last day", (string)tiles[0]!["label"]!);
        Assert.Equal(100.0, (double)tiles[1]!["value"]!);
        Assert.Equal(10.0, (double)tiles[2]!["value"]!);
        Assert.Null(tiles[3]!["value"]);
        Assert.Equal(1.0, (double)tiles[4]!["value"]!);
        Assert.Equal("Alerts", (string)tiles[4]!["tile"]!["source"]!);
        Assert.Equal(1.0, (double)tiles[5]!["value"]!);
        var from = DateTimeOffset.Parse((string)tiles[2]!["from"]!, CultureInfo.InvariantCulture);
        var to = DateTimeOffset.Parse((string)tiles[2]!["to"]!, CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(6), to - from);
    }

    [Fact]
    public async Task Without_tiles_a_device_shows_the_defaults_and_its_own_tiles_replace_its_categorys()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var url = $"/api/v1/devices/{device.Id()}/tiles";

        var before = await (await _admin.GetAsync(url)).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Default", (string)before["origin"]!);
        Assert.Equal(["Alerts", "Cases", "WorkOrders"], before["tiles"]!.AsArray().Select(t => (string)t!["tile"]!["source"]!));
        Assert.Equal([1, 30, 30], before["tiles"]!.AsArray().Select(t => (int)t!["tile"]!["timeRange"]!));
        Assert.All(before["tiles"]!.AsArray(), t => Assert.Equal(0.0, (double)t!["value"]!));

        // After the first data pull (here a state report), the first two numeric properties get a 7-day average: with no
        // category to order them, by name.
        var state = new JsonObject { ["deviceId"] = (string)device["deviceId"]!, ["reportedProperties"] = new JsonObject { ["mode"] = "eco", ["temperature"] = 65.6, ["humidity"] = 21.3, ["pressure"] = 1.0 } };
        await (await _admin.PostJsonAsync($"/api/v1/ingest/state?instance={instance.Id()}", new JsonArray(state))).ReadObjectAsArrayAsync();
        var after = (await (await _admin.GetAsync(url)).ReadObjectAsync(HttpStatusCode.OK))["tiles"]!.AsArray();
        Assert.Equal(5, after.Count);
        Assert.Equal("humidity", (string)after[3]!["tile"]!["measure"]!);
        Assert.Equal("pressure", (string)after[4]!["tile"]!["measure"]!);
        Assert.Equal(7, (int)after[4]!["tile"]!["timeRange"]!);
        Assert.Null(after[4]!["value"]);

        await (await _admin.PatchJsonAsync($"/api/v1/devices/{device.Id()}", new { tiles = new[] { new { source = "Cases", timeRange = 2 } } })).ReadObjectAsync(HttpStatusCode.OK);
        var own = await (await _admin.GetAsync(url)).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Device", (string)own["origin"]!);
        Assert.Equal("Cases, last 2 days", (string)Assert.Single(own["tiles"]!.AsArray())!["label"]!);
    }

    [Fact]
    public async Task Tiles_of_a_device_that_does_not_exist_are_404()
    {
        await (await _admin.GetAsync($"/api/v1/devices/{Guid.NewGuid()}/tiles")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task TelemetryAsync(Guid instanceId, string deviceId, params (DateTimeOffset At, double Value)[] readings)
    {
        var items = readings.Select(r => new { deviceId, timestamp = r.At, values = new Dictionary<string, double> { ["temperature"] = r.Value } }).ToArray();
        var results = await (await _admin.PostJsonAsync($"/api/v1/ingest/telemetry?instance={instanceId}", items)).ReadObjectAsArrayAsync();
        Assert.All(results, r => Assert.Equal("stored", (string)r!["status"]!));
    }
}

public sealed class DeviceTilesOnSqliteTests(SqliteServer server) : DeviceTilesTests(server), IClassFixture<SqliteServer>;

public sealed class DeviceTilesOnPostgresTests(PostgresServer server) : DeviceTilesTests(server), IClassFixture<PostgresServer>;
