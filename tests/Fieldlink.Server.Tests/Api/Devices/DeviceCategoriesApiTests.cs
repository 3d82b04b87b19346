using System.Net;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Devices;

public sealed class DeviceCategoriesApiTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Measures_with_units_and_thresholds_round_trip()
    {
        var created = await _admin.CreateAsync("deviceCategories", new
        {
            name = Registry.Unique("Chiller"),
            measures = new object[] { new { name = "temperature", unit = "°C", low = 2.0, high = 12.5 }, new { name = "vibration", unit = "mm/s" } },
        });

        var read = await (await _admin.GetAsync($"/api/v1/deviceCategories/{created.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        var measures = read["measures"]!.AsArray();
        Assert.Equal(2, measures.Count);
        Assert.Equal(12.5, (double)measures[0]!["high"]!);
        Assert.Null(measures[1]!["low"]);
        Assert.Equal("mm/s", (string)measures[1]!["unit"]!);
    }

    [Fact]
    public async Task A_low_threshold_above_the_high_one_is_400_naming_the_measure()
    {
        var response = await _admin.PostJsonAsync("/api/v1/deviceCategories", new { name = Registry.Unique("Bad"), measures = new[] { new { name = "t", low = 10.0, high = 5.0 } } });
        await response.ReadFieldErrorAsync("measures[0].low");
    }

    [Fact]
    public async Task A_hysteresis_round_trips_and_is_null_when_left_to_the_default()
    {
        var created = await _admin.CreateAsync("deviceCategories", new
        {
            name = Registry.Unique("Chiller"),
            measures = new object[] { new { name = "temperature", low = 2.0, high = 12.5, hysteresis = 0.5 }, new { name = "pressure", high = 10.0 } },
        });

        var measures = (await (await _admin.GetAsync($"/api/v1/deviceCategories/{created.Id()}")).ReadObjectAsync(HttpStatusCode.OK))["measures"]!.AsArray();
        Assert.Equal(0.5, (double)measures[0]!["hysteresis"]!);
        Assert.Null(measures[1]!["hysteresis"]);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(10.0)] // high - low: leaving AboveHigh would land on low
    [InlineData(25.0)]
    public async Task A_negative_hysteresis_or_one_as_wide_as_the_band_is_400_naming_it(double hysteresis)
    {
        var response = await _admin.PostJsonAsync("/api/v1/deviceCategories", new { name = Registry.Unique("Bad"), measures = new[] { new { name = "t", low = 0.0, high = 10.0, hysteresis } } });
        await response.ReadFieldErrorAsync("measures[0].hysteresis");
    }

    [Fact]
    public async Task A_measure_named_twice_is_400()
    {
        var response = await _admin.PostJsonAsync("/api/v1/deviceCategories", new { name = Registry.Unique("Twice"), measures = new[] { new { name = "t" }, new { name = "T" } } });
        await response.ReadFieldErrorAsync("measures[1].name");
    }

    [Fact]
    public async Task A_category_name_is_unique()
    {
        var name = Registry.Unique("Unique");
        await _admin.CreateAsync("deviceCategories", new { name });
        await (await _admin.PostJsonAsync("/api/v1/deviceCategories", new { name })).ReadProblemAsync(HttpStatusCode.Conflict);
    }
}
