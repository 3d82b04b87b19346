using System.Text.Json.Nodes;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Simulator.Tests;

/// <summary>Commands: taken at once, answered through the sink after the delay, with their effect on the device.</summary>
public sealed class SimulatorCommandTests
{
    [Fact]
    public async Task A_command_is_taken_then_after_the_delay_delivered_then_succeeded()
    {
        await using var simulator = Simulator.Open(new SimulatorSettings { CommandDelayMilliseconds = 200 });
        var command = Command("sim-01", "Reset Thermostat");

        var acceptance = await simulator.Instance.SendCommandAsync(command, CancellationToken.None);
        Assert.True(acceptance.Accepted);

        simulator.Time.Advance(TimeSpan.FromMilliseconds(199));
        await Task.Delay(50);
        Assert.Empty(simulator.Sink.Statuses);

        simulator.Time.Advance(TimeSpan.FromMilliseconds(1));
        await simulator.Sink.WaitUntilAsync(s => s.Statuses.Count == 2, "two statuses");
        Assert.Equal([CommandStatus.Delivered, CommandStatus.Succeeded], simulator.Sink.StatusesOf(command.CommandId));
        Assert.All(simulator.Sink.Statuses, s => Assert.Equal(simulator.Time.GetUtcNow(), s.At));
    }

    [Fact]
    public async Task Reset_thermostat_sets_the_setpoint_back_to_21()
    {
        await using var simulator = Simulator.Open(new SimulatorSettings { Seed = 5 });
        var before = (double)(await simulator.PullAsync("sim-03")).ReportedProperties!["temperatureSetpoint"]!;
        Assert.NotEqual(21, before);

        var succeeded = await RunAsync(simulator, Command("sim-03", "Reset Thermostat"));

        Assert.Equal(21, (double)succeeded.Response!["temperatureSetpoint"]!);
        Assert.Equal(21, (double)(await simulator.PullAsync("sim-03")).ReportedProperties!["temperatureSetpoint"]!);
    }

    [Fact]
    public async Task Notification_records_the_last_message()
    {
        await using var simulator = Simulator.Open();

        await RunAsync(simulator, Command("sim-01", "Notification", new JsonObject { ["Message"] = "Technician has been dispatched" }));

        var properties = (await simulator.PullAsync("sim-01")).ReportedProperties!;
        Assert.Equal("Technician has been dispatched", (string)properties["lastNotification"]!);
        Assert.Equal(simulator.Time.GetUtcNow(), (DateTimeOffset)properties["lastNotificationAt"]!);
    }

    [Theory]
    [InlineData("\"30\"", "\"35.5\"")]
    [InlineData("30", "35.5")]
    public async Task Set_values_sets_temperature_and_humidity_given_as_strings_or_numbers(string temperature, string humidity)
    {
        await using var simulator = Simulator.Open();
        var parameters = JsonNode.Parse($$$"""{"Reading": {"Temperature": {{{temperature}}}, "Humidity": {{{humidity}}}}}""")!.AsObject();

        await RunAsync(simulator, Command("sim-01", "Set Values", parameters));

        var properties = (await simulator.PullAsync("sim-01")).ReportedProperties!;
        Assert.Equal(30, (double)properties["temperature"]!);
        Assert.Equal(35.5, (double)properties["humidity"]!);
        var state = Assert.Single(simulator.Sink.States);
        Assert.Equal("sim-01", state.DeviceId);
        Assert.Equal(30, (double)state.ReportedProperties!["temperature"]!);
    }

    [Fact]
    public async Task Set_values_may_set_one_value_alone()
    {
        await using var simulator = Simulator.Open();
        var humidity = (double)(await simulator.PullAsync("sim-01")).ReportedProperties!["humidity"]!;

        await RunAsync(simulator, Command("sim-01", "set values", new JsonObject { ["reading"] = new JsonObject { ["temperature"] = "12.5" } }));

        var properties = (await simulator.PullAsync("sim-01")).ReportedProperties!;
        Assert.Equal(12.5, (double)properties["temperature"]!);
        Assert.Equal(humidity, (double)properties["humidity"]!);
    }

    [Fact]
    public async Task An_unknown_command_is_delivered_then_fails_with_the_reason()
    {
        await using var simulator = Simulator.Open();
        var command = Command("sim-01", "Self Destruct");

        await simulator.Instance.SendCommandAsync(command, CancellationToken.None);
        simulator.Time.Advance(TimeSpan.FromMilliseconds(200));
        await simulator.Sink.WaitUntilAsync(s => s.Statuses.Count == 2, "two statuses");

        Assert.Equal([CommandStatus.Delivered, CommandStatus.Failed], simulator.Sink.StatusesOf(command.CommandId));
        Assert.Contains("Self Destruct", simulator.Sink.Statuses[1].Error, StringComparison.Ordinal);
        Assert.Empty(simulator.Sink.States);
    }

    [Theory]
    [InlineData("Set Values", """{"Reading": {"Temperature": "warm"}}""", "Temperature")]
    [InlineData("Set Values", """{"Reading": {"Temperature": 95}}""", "Temperature")]
    [InlineData("Set Values", """{"Reading": {"Humidity": 2}}""", "Humidity")]
    [InlineData("Set Values", """{"Temperature": 20}""", "Reading")]
    [InlineData("Notification", """{}""", "Message")]
    public async Task A_command_with_bad_parameters_fails_naming_the_parameter(string name, string parameters, string named)
    {
        await using var simulator = Simulator.Open();
        var command = Command("sim-01", name, JsonNode.Parse(parameters)!.AsObject());

        await simulator.Instance.SendCommandAsync(command, CancellationToken.None);
        simulator.Time.Advance(TimeSpan.FromMilliseconds(200));
        await simulator.Sink.WaitUntilAsync(s => s.Statuses.Count == 2, "two statuses");

        var failed = simulator.Sink.Statuses[1];
        Assert.Equal(CommandStatus.Failed, failed.Status);
        Assert.Contains(named, failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_configured_shares_of_commands_fail_or_are_never_answered()
    {
        const int count = 1_000;
        var settings = new SimulatorSettings { Seed = 11, CommandDelayMilliseconds = 0, CommandFailureRate = 0.2, CommandTimeoutRate = 0.1 };
        var simulator = Simulator.Open(settings);
        var ids = Enumerable.Range(1, count).Select(i => new Guid(i, 0, 0, new byte[8])).ToList();
        foreach (var id in ids)
        {
            await simulator.Instance.SendCommandAsync(Command($"sim-{id.GetHashCode() % 20:00}", "Reset Thermostat", id: id), CancellationToken.None);
        }

        // Disposing waits for every command in progress; the recording sink takes reports even then.
        await simulator.DisposeAsync();

        var outcomes = ids.Select(id => simulator.Sink.StatusesOf(id).LastOrDefault(CommandStatus.Sent)).ToList();
        Assert.InRange(outcomes.Count(o => o == CommandStatus.Failed), 150, 250);
        Assert.InRange(outcomes.Count(o => o == CommandStatus.Sent), 65, 135);
        Assert.InRange(outcomes.Count(o => o == CommandStatus.Succeeded), 630, 770);
        Assert.All(
            simulator.Sink.Statuses.Where(s => s.Status == CommandStatus.Failed),
            s => Assert.Contains("commandFailureRate", s.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_command_meets_the_same_fate_with_the_same_seed()
    {
        var settings = new SimulatorSettings { Seed = 11, CommandDelayMilliseconds = 0, CommandFailureRate = 0.3, CommandTimeoutRate = 0.3 };
        var ids = Enumerable.Range(1, 60).Select(i => new Guid(i, 0, 0, new byte[8])).ToList();

        Assert.Equal(await FatesAsync(), await FatesAsync());

        async Task<List<CommandStatus>> FatesAsync()
        {
            var simulator = Simulator.Open(settings);
            foreach (var id in ids)
            {
                await simulator.Instance.SendCommandAsync(Command("sim-01", "Reset Thermostat", id: id), CancellationToken.None);
            }

            await simulator.DisposeAsync();
            return [.. ids.Select(id => simulator.Sink.StatusesOf(id).LastOrDefault(CommandStatus.Sent))];
        }
    }

    [Fact]
    public async Task A_repeat_of_a_command_in_progress_is_carried_out_once()
    {
        await using var simulator = Simulator.Open();
        var command = Command("sim-01", "Reset Thermostat");

        await simulator.Instance.SendCommandAsync(command, CancellationToken.None);
        await simulator.Instance.SendCommandAsync(command, CancellationToken.None);
        simulator.Time.Advance(TimeSpan.FromMilliseconds(200));
        await simulator.Sink.WaitUntilAsync(s => s.Statuses.Count >= 2, "two statuses");
        await Task.Delay(50);

        Assert.Equal([CommandStatus.Delivered, CommandStatus.Succeeded], simulator.Sink.StatusesOf(command.CommandId));
    }

    [Fact]
    public async Task Disposing_abandons_commands_not_yet_answered()
    {
        var simulator = Simulator.Open(new SimulatorSettings { CommandDelayMilliseconds = 5_000 });
        await simulator.Instance.SendCommandAsync(Command("sim-01", "Reset Thermostat"), CancellationToken.None);

        await simulator.DisposeAsync();
        simulator.Time.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(50);

        Assert.Empty(simulator.Sink.Statuses);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => simulator.Instance.SendCommandAsync(Command("sim-01", "Reset Thermostat"), CancellationToken.None));
    }

    private static DeviceCommand Command(string deviceId, string name, JsonObject? parameters = null, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), Simulator.Device(deviceId), name, parameters ?? [], null);

    /// <summary>Sends the command, moves the clock past the delay, and returns its Succeeded report.</summary>
    private static async Task<CommandStatusReport> RunAsync(Simulator simulator, DeviceCommand command)
    {
        await simulator.Instance.SendCommandAsync(command, CancellationToken.None);
        simulator.Time.Advance(TimeSpan.FromMilliseconds(200));
        await simulator.Sink.WaitUntilAsync(s => s.StatusesOf(command.CommandId).Count == 2, $"{command.Name} to end");
        Assert.Equal([CommandStatus.Delivered, CommandStatus.Succeeded], simulator.Sink.StatusesOf(command.CommandId));
        return simulator.Sink.Statuses.Last(s => s.CommandId == command.CommandId);
    }
}
