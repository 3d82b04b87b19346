using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Infrastructure.TestVendor;

namespace Fieldlink.Server.Tests.Api.Commands;

/// <summary>
/// A command's answers agree with themselves and with docs/actions.md, on both databases: refused at once (409, 501)
/// when it could only fail; <c>attempts</c> counting every hand-over, even one the device answered before it
/// returned; no error on a command that succeeded; a pin of its own colour, another when it failed.
/// </summary>
public abstract class CommandAnswersTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_command_to_a_device_whose_connector_cannot_send_is_501_and_queues_nothing()
    {
        var provider = await Registry.ProviderAsync(_admin, "listening-only");
        var instance = await Registry.InstanceAsync(_admin, provider.Id());
        var device = await Registry.DeviceAsync(_admin, instance.Id());

        var problem = await (await _admin.PostJsonAsync($"/api/v1/devices/{device.Id()}/commands", new { name = "Reset Thermostat" })).ReadProblemAsync(HttpStatusCode.NotImplemented);

        Assert.Contains("SendCommand", (string)problem["detail"]!, StringComparison.Ordinal);
        var list = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/commands?$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)list["@odata.count"]!);
    }

    [Fact]
    public async Task A_command_to_an_asset_goes_to_the_devices_that_take_commands_and_is_501_when_none_does()
    {
        var listening = await Registry.InstanceAsync(_admin, (await Registry.ProviderAsync(_admin, "listening-only")).Id());
        var vendor = await Registry.VendorInstanceAsync(_admin);
        var mixed = await _admin.CreateAsync("customerAssets", new { name = Registry.Unique("Mixed") });
        var sensor = await _admin.CreateAsync("devices", new { providerInstanceId = listening.Id(), name = "A sensor", deviceId = Registry.Unique("s"), customerAssetId = mixed.Id() });
        var thermostat = await _admin.CreateAsync("devices", new { providerInstanceId = vendor.Id(), name = "B thermostat", deviceId = Registry.Unique("t"), customerAssetId = mixed.Id() });
        var onlySensors = await _admin.CreateAsync("customerAssets", new { name = Registry.Unique("Sensors") });
        await _admin.CreateAsync("devices", new { providerInstanceId = listening.Id(), name = "Sensor", deviceId = Registry.Unique("s"), customerAssetId = onlySensors.Id() });

        var answer = await (await _admin.PostJsonAsync($"/api/v1/customerAssets/{mixed.Id()}/commands", new { name = "Notification" })).ReadObjectAsync(HttpStatusCode.Accepted);
        var command = Assert.Single(answer["value"]!.AsArray())!.AsObject();
        Assert.Equal(thermostat.Id(), Guid.Parse((string)command["deviceRecordId"]!));
        Assert.Equal(1, (int)answer["@odata.count"]!);
        await CommandsTests.WaitForAsync(_admin, command.Id(), "Succeeded");
        var sensorCommands = await (await _admin.GetAsync($"/api/v1/devices/{sensor.Id()}/commands?$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)sensorCommands["@odata.count"]!);

        var problem = await (await _admin.PostJsonAsync($"/api/v1/customerAssets/{onlySensors.Id()}/commands", new { name = "Notification" })).ReadProblemAsync(HttpStatusCode.NotImplemented);
        Assert.Contains("SendCommand", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_to_a_device_of_a_disabled_instance_is_409_and_queues_nothing()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var asset = await _admin.CreateAsync("customerAssets", new { name = Registry.Unique("Disabled") });
        var device = await _admin.CreateAsync("devices", new { providerInstanceId = instance.Id(), name = "Thermostat", deviceId = Registry.Unique("t"), customerAssetId = asset.Id() });
        await (await _admin.PatchJsonAsync($"/api/v1/providerInstances/{instance.Id()}", new { enabled = false })).ReadObjectAsync(HttpStatusCode.OK);

        var problem = await (await _admin.PostJsonAsync($"/api/v1/devices/{device.Id()}/commands", new { name = "Reset Thermostat" })).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("disabled", (string)problem["detail"]!, StringComparison.Ordinal);
        await (await _admin.PostJsonAsync($"/api/v1/customerAssets/{asset.Id()}/commands", new { name = "Reset Thermostat" })).ReadProblemAsync(HttpStatusCode.Conflict);

        var list = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/commands?$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)list["@odata.count"]!);
    }

    [Fact]
    public async Task A_command_answered_before_its_hand_over_returns_counts_the_try_and_has_no_error()
    {
        var device = await DeviceAsync(commandOutcome: "succeedAtOnce");
        var queued = await CommandsTests.SendAsync(_admin, device.Id(), "Reset Thermostat");

        var done = await CommandsTests.WaitForAsync(_admin, queued.Id(), "Succeeded", d => (int)d["attempts"]! == 1);
        Assert.Null(done["error"]);
        Assert.NotNull(done["sentAt"]);
        Assert.Equal(1, TestVendorInstance.Sent[queued.Id()]);
    }

    [Fact]
    public async Task A_command_delivered_before_its_hand_over_returns_still_times_out()
    {
        var device = await DeviceAsync(commandOutcome: "deliverAtOnce");
        var queued = await CommandsTests.SendAsync(_admin, device.Id(), "Reset Thermostat");

        var done = await CommandsTests.WaitForAsync(_admin, queued.Id(), "TimedOut");
        Assert.Equal(1, (int)done["attempts"]!);
        Assert.NotNull(done["deliveredAt"]);
    }

    [Fact]
    public async Task A_command_whose_first_hand_over_failed_succeeds_with_two_attempts_and_no_error()
    {
        var device = await DeviceAsync(commandOutcome: "flaky");
        var queued = await CommandsTests.SendAsync(_admin, device.Id(), "Reset Thermostat");

        var done = await CommandsTests.WaitForAsync(_admin, queued.Id(), "Succeeded", d => (int)d["attempts"]! == 2);
        Assert.Null(done["error"]);
        Assert.Equal(2, TestVendorInstance.Sent[queued.Id()]);
    }

    [Fact]
    public async Task The_steps_of_a_command_are_in_order_even_when_the_device_clock_is_behind()
    {
        var device = await DeviceAsync(commandOutcome: "skewed");
        var queued = await CommandsTests.SendAsync(_admin, device.Id(), "Reset Thermostat");

        var done = await CommandsTests.WaitForAsync(_admin, queued.Id(), "Succeeded");

        var steps = new[] { "queuedAt", "sentAt", "deliveredAt", "completedAt" }
            .Select(f => DateTimeOffset.Parse((string)done[f]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(steps.SequenceEqual(steps.Order()), done.ToJsonString());
    }

    [Fact]
    public async Task A_failed_command_has_another_pin_colour_than_a_succeeded_one()
    {
        var good = await DeviceAsync();
        var bad = await DeviceAsync(commandOutcome: "fail");
        var succeeded = await CommandsTests.SendAsync(_admin, good.Id(), "Reset Thermostat");
        var failed = await CommandsTests.SendAsync(_admin, bad.Id(), "Reset Thermostat");
        await CommandsTests.WaitForAsync(_admin, succeeded.Id(), "Succeeded");
        await CommandsTests.WaitForAsync(_admin, failed.Id(), "Failed");

        var goodPin = await CommandPinAsync(good.Id());
        var badPin = await CommandPinAsync(bad.Id());

        Assert.Equal("Command Reset Thermostat: Succeeded", (string)goodPin["description"]!);
        Assert.Equal("Command Reset Thermostat: Failed", (string)badPin["description"]!);
        Assert.NotEqual((string)goodPin["color"]!, (string)badPin["color"]!);
    }

    private async Task<JsonObject> CommandPinAsync(Guid deviceId)
    {
        var events = await (await _admin.GetAsync($"/api/v1/devices/{deviceId}/events")).ReadObjectAsync(HttpStatusCode.OK);
        return Assert.Single(events["series"]!["Commands"]!.AsArray())!.AsObject();
    }

    private async Task<JsonObject> DeviceAsync(string commandOutcome = "succeed")
    {
        var instance = await Registry.VendorInstanceAsync(_admin, commandOutcome: commandOutcome);
        return await Registry.DeviceAsync(_admin, instance.Id());
    }
}

public sealed class CommandAnswersOnSqliteTests(CommandsTests.SqliteCommandServer server) : CommandAnswersTests(server), IClassFixture<CommandsTests.SqliteCommandServer>;

public sealed class CommandAnswersOnPostgresTests(CommandsTests.PostgresCommandServer server) : CommandAnswersTests(server), IClassFixture<CommandsTests.PostgresCommandServer>;
