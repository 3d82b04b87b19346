using System.Net;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Devices;

/// <summary>Summary tiles of device categories and of devices overriding them.</summary>
public sealed class TilesDefinitionTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_categorys_tiles_round_trip_with_their_defaults()
    {
        var created = await _admin.CreateAsync("deviceCategories", new
        {
            name = Registry.Unique("Chiller"),
            measures = new[] { new { name = "temperature", unit = "°C" } },
            tiles = new object[] { new { measure = "temperature", timeRange = 7 }, new { source = "Alerts", timeRange = 24, timeUnit = "Hours", position = 5 } },
        });

        var tiles = (await (await _admin.GetAsync($"/api/v1/deviceCategories/{created.Id()}")).ReadObjectAsync(HttpStatusCode.OK))["tiles"]!.AsArray();
        Assert.Equal("Measure", (string)tiles[0]!["source"]!);
        Assert.Equal("Average", (string)tiles[0]!["aggregation"]!);
        Assert.Equal("Days", (string)tiles[0]!["timeUnit"]!);
        Assert.Equal(0, (int)tiles[0]!["position"]!);
        Assert.Equal("Count", (string)tiles[1]!["aggregation"]!);
        Assert.Equal(24, (int)tiles[1]!["timeRange"]!);
        Assert.Equal(5, (int)tiles[1]!["position"]!);
    }

    [Fact]
    public async Task Seven_tiles_a_range_past_90_an_unknown_measure_or_an_event_tile_that_averages_are_400_naming_the_field()
    {
        var category = new { name = Registry.Unique("Bad"), measures = new[] { new { name = "temperature" } } };
        var seven = Enumerable.Range(0, 7).Select(_ => new { measure = "temperature", timeRange = 1 }).ToArray();
        Assert.Contains("at most six", await (await _admin.PostJsonAsync("/api/v1/deviceCategories", new { category.name, category.measures, tiles = seven })).ReadFieldErrorAsync("tiles[6]"), StringComparison.Ordinal);
        await (await _admin.PostJsonAsync("/api/v1/deviceCategories", new { category.name, category.measures, tiles = new[] { new { measure = "temperature", timeRange = 91 } } })).ReadFieldErrorAsync("tiles[0].timeRange");
        await (await _admin.PostJsonAsync("/api/v1/deviceCategories", new { category.name, category.measures, tiles = new[] { new { measure = "temperature", timeRange = 0 } } })).ReadFieldErrorAsync("tiles[0].timeRange");
        await (await _admin.PostJsonAsync("/api/v1/deviceCategories", new { category.name, category.measures, tiles = new[] { new { measure = "pressure", timeRange = 1 } } })).ReadFieldErrorAsync("tiles[0].measure");
        await (await _admin.PostJsonAsync("/api/v1/deviceCategories", new { category.name, category.measures, tiles = new[] { new { source = "Cases", aggregation = "Average", timeRange = 1 } } })).ReadFieldErrorAsync("tiles[0].aggregation");
    }

    [Fact]
    public async Task A_device_overrides_its_categorys_tiles_and_a_null_gives_them_back()
    {
        var category = await _admin.CreateAsync("deviceCategories", new { name = Registry.Unique("Pump"), measures = new[] { new { name = "flow" } } });
        var instance = await Registry.InstanceAsync(_admin);
        var device = await _admin.CreateAsync("devices", new { providerInstanceId = instance.Id(), name = Registry.Unique("Pump"), deviceId = Registry.Unique("p"), categoryId = category.Id() });
        Assert.Null(device["tiles"]);
        var url = $"/api/v1/devices/{device.Id()}";

        var own = await (await _admin.PatchJsonAsync(url, new { tiles = new[] { new { measure = "flow", aggregation = "Max", timeRange = 12, timeUnit = "Hours" } } })).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Max", (string)own["tiles"]![0]!["aggregation"]!);

        await (await _admin.PatchJsonAsync(url, new { tiles = new[] { new { measure = "pressure", timeRange = 1 } } })).ReadFieldErrorAsync("tiles[0].measure");

        var back = await (await _admin.PatchJsonAsync(url, new Dictionary<string, object?> { ["tiles"] = null })).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Null(back["tiles"]);
    }
}
