using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Api.Commands;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Actions;

/// <summary>
/// The "tried as a new user would", through the real simulator connector of the demo: register a device,
/// pull its data, send Set Values and see it Succeeded and applied, then read its hourly readings and an aggregate.
/// </summary>
public sealed class SimulatorEndToEndTests(SimulatorEndToEndTests.DemoServer server) : IClassFixture<SimulatorEndToEndTests.DemoServer>
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_demo_device_registers_pulls_takes_Set_Values_and_has_readings()
    {
        var devices = await (await _admin.GetAsync("/api/v1/devices?$filter=deviceId eq 'sim-01'")).ReadObjectAsync(HttpStatusCode.OK);
        var device = Assert.Single(devices["value"]!.AsArray())!.AsObject();
        var id = device.Id();

        var registration = await (await _admin.PostAsync($"/api/v1/devices/{id}/register", null)).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Registered", (string)registration["status"]!);

        var pulled = await (await _admin.PostAsync($"/api/v1/devices/{id}/pull", null)).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Connected", (string)pulled["connectionState"]!);
        Assert.NotNull(pulled["reportedProperties"]!["temperature"]);

        var command = await (await _admin.PostJsonAsync($"/api/v1/devices/{id}/commands", new
        {
            name = "Set Values",
            parameters = new JsonObject { ["Reading"] = new JsonObject { ["Temperature"] = "30", ["Humidity"] = "40" } },
        })).ReadObjectAsync(HttpStatusCode.Accepted);
        await CommandsTests.WaitForAsync(_admin, command.Id(), "Succeeded");
        var after = await (await _admin.PostAsync($"/api/v1/devices/{id}/pull", null)).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(30, (double)after["reportedProperties"]!["temperature"]!);
        Assert.Equal(40, (double)after["reportedProperties"]!["humidity"]!);

        var unknown = await (await _admin.PostJsonAsync($"/api/v1/devices/{id}/commands", new { name = "Self Destruct" })).ReadObjectAsync(HttpStatusCode.Accepted);
        await CommandsTests.WaitForAsync(_admin, unknown.Id(), "Failed");

        // The simulator sends telemetry for the devices it has seen, every 10 s in the demo.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonObject readings;
        do
        {
            await Task.Delay(500);
            readings = await (await _admin.GetAsync($"/api/v1/devices/{id}/readings?interval=PT1H&measures=temperature,humidity")).ReadObjectAsync(HttpStatusCode.OK);
        }
        while (readings["measures"]!["temperature"]!.AsArray().Count == 0 && DateTime.UtcNow < deadline);

        var bucket = Assert.Single(readings["measures"]!["temperature"]!.AsArray())!;
        Assert.True((long)bucket["count"]! >= 1);
        Assert.Equal("PT1H", (string)readings["interval"]!);
        Assert.NotEmpty(readings["measures"]!["humidity"]!.AsArray());

        var aggregates = await (await _admin.PostJsonAsync($"/api/v1/devices/{id}/readings/aggregate", new[]
        {
            new { measure = "temperature", aggregate = "Avg", timeRangeType = "Hours", timeRangeValue = 1 },
        })).Content.ReadAsStringAsync();
        var average = JsonNode.Parse(aggregates)!.AsArray().Single()!;
        Assert.NotNull(average["value"]);
        Assert.Equal("°C", (string)average["unit"]!);
    }

    /// <summary>A server started as <c>fieldlink serve --demo</c> would be.</summary>
    public sealed class DemoServer : SqliteServer
    {
        public DemoServer() => With("Demo", "true");
    }
}
