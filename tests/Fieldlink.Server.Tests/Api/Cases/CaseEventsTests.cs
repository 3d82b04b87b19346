using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Cases;

/// <summary>Cases and work orders as pins on the device's readings chart (the events fallback), on both databases.</summary>
public abstract class CaseEventsTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Each_step_of_a_case_and_its_work_order_is_a_pin_on_the_device_of_its_alert()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var device = await scenario.DeviceAsync();
        var bystander = await scenario.DeviceAsync();
        await scenario.AlertAsync(bystander);
        var alert = (await scenario.GroupAsync(device, 2))[1];
        var created = await CaseScenario.CaseAsync(_admin, alert);
        var order = await CaseScenario.WorkOrderAsync(_admin, created.Id());
        var canceled = await CaseScenario.WorkOrderAsync(_admin, created.Id());
        await CaseScenario.MoveAsync(_admin, "workOrders", canceled.Id(), "Canceled");
        foreach (var step in new[] { "Scheduled", "InProgress", "Completed", "Closed" })
        {
            await CaseScenario.MoveAsync(_admin, "workOrders", order.Id(), step);
        }

        await CaseScenario.MoveAsync(_admin, "cases", created.Id(), "Resolved");

        var series = await SeriesAsync(device.Id());

        var cases = series["Cases"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(new[] { "Case created", "Case resolved" }, cases.Select(e => (string)e["description"]!));
        Assert.All(cases, e =>
        {
            Assert.Equal((string)created["number"]!, (string)e["id"]!);
            Assert.Equal("case", (string)e["entity"]!);
            Assert.Equal(created.Id(), Guid.Parse((string)e["recordId"]!));
            Assert.StartsWith("#", (string)e["color"]!, StringComparison.Ordinal);
        });
        Assert.True((Time(cases[0], "timestamp") - Time(created, "createdAt")).Duration() < TimeSpan.FromMilliseconds(1), cases[0].ToJsonString());

        var workOrders = series["Work orders"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(
            new[] { "Work order created", "Work order scheduled", "Work order started", "Work order completed", "Work order closed" },
            workOrders.Where(e => (string)e["id"]! == (string)order["number"]!).Select(e => (string)e["description"]!));
        Assert.Equal(
            new[] { "Work order created", "Work order canceled" },
            workOrders.Where(e => (string)e["id"]! == (string)canceled["number"]!).Select(e => (string)e["description"]!));
        Assert.All(workOrders, e => Assert.Equal("workOrder", (string)e["entity"]!));
        var times = workOrders.Select(e => Time(e, "timestamp")).ToList();
        Assert.Equal(times.Order(), times);

        var other = await SeriesAsync(bystander.Id());
        Assert.Empty(other["Cases"]!.AsArray());
        Assert.Empty(other["Work orders"]!.AsArray());
    }

    [Fact]
    public async Task Commands_cases_and_work_orders_each_have_pins_of_their_own_colours()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var device = await scenario.DeviceAsync();
        var created = await CaseScenario.CaseAsync(_admin, (await scenario.GroupAsync(device, 1))[0]);
        await CaseScenario.WorkOrderAsync(_admin, created.Id());
        // Whatever becomes of the command (the simulator fails or loses some), its pin is a command's.
        await (await _admin.PostJsonAsync($"/api/v1/devices/{device.Id()}/commands", new { name = "Set Values" })).ReadObjectAsync(HttpStatusCode.Accepted);

        var series = await SeriesAsync(device.Id());

        string[] Colours(string name) => [.. series[name]!.AsArray().Select(e => (string)e!["color"]!)];
        var commands = Colours("Commands");
        var cases = Colours("Cases");
        var workOrders = Colours("Work orders");
        Assert.NotEmpty(commands);
        Assert.NotEmpty(cases);
        Assert.NotEmpty(workOrders);
        Assert.Empty(commands.Intersect(cases.Concat(workOrders)));
        Assert.Empty(cases.Intersect(workOrders));
    }

    [Fact]
    public async Task Pins_outside_the_range_are_left_out()
    {
        var scenario = await CaseScenario.StartAsync(server);
        var device = await scenario.DeviceAsync();
        var created = await CaseScenario.CaseAsync(_admin, (await scenario.GroupAsync(device, 1))[0]);
        await CaseScenario.WorkOrderAsync(_admin, created.Id());

        var before = DateTimeOffset.UtcNow.AddDays(-2).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var until = DateTimeOffset.UtcNow.AddDays(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var events = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/events?from={Uri.EscapeDataString(before)}&to={Uri.EscapeDataString(until)}")).ReadObjectAsync(HttpStatusCode.OK);

        Assert.Empty(events["series"]!["Cases"]!.AsArray());
        Assert.Empty(events["series"]!["Work orders"]!.AsArray());
        Assert.Single((await SeriesAsync(device.Id()))["Cases"]!.AsArray());
    }

    private static DateTimeOffset Time(JsonObject record, string field) =>
        DateTimeOffset.Parse((string)record[field]!, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<JsonObject> SeriesAsync(Guid deviceId)
    {
        var events = await (await _admin.GetAsync($"/api/v1/devices/{deviceId}/events")).ReadObjectAsync(HttpStatusCode.OK);
        return events["series"]!.AsObject();
    }
}

public sealed class CaseEventsOnSqliteTests(SqliteServer server) : CaseEventsTests(server), IClassFixture<SqliteServer>;

public sealed class CaseEventsOnPostgresTests(PostgresServer server) : CaseEventsTests(server), IClassFixture<PostgresServer>;
