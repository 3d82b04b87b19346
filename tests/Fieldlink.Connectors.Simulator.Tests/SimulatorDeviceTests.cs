using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Simulator.Tests;

/// <summary>Registering and pulling simulated devices, and how their values drift.</summary>
public sealed class SimulatorDeviceTests
{
    [Fact]
    public async Task Register_makes_every_device_registered()
    {
        await using var simulator = Simulator.Open();
        DeviceRef[] devices = [Simulator.Device("a"), Simulator.Device("b"), Simulator.Device("c")];

        var results = await simulator.Instance.RegisterDevicesAsync(devices, CancellationToken.None);

        Assert.Equal(devices.Select(d => d.Id).Order(), results.Select(r => r.Id).Order());
        Assert.All(results, r => Assert.Equal(RegistrationStatus.Registered, r.Status));
    }

    [Fact]
    public async Task Pull_returns_the_device_connected_with_its_reported_properties()
    {
        await using var simulator = Simulator.Open();
        var firstSeen = simulator.Time.GetUtcNow();

        var data = await simulator.PullAsync("sim-01");

        Assert.Equal(Simulator.IdOf("sim-01"), data.Id);
        Assert.Equal(DeviceDataStatus.Enabled, data.Status);
        Assert.Equal(ConnectionState.Connected, data.ConnectionState);
        Assert.Equal(firstSeen, data.ConnectionStateChangedAt);
        Assert.Equal(firstSeen, data.LastActivityAt);
        var properties = data.ReportedProperties!;
        Assert.InRange((double)properties["temperature"]!, 0, 40);
        Assert.InRange((double)properties["humidity"]!, 10, 90);
        Assert.InRange((double)properties["temperatureSetpoint"]!, 19, 23);
        Assert.Matches(@"^\d+\.\d+\.\d+$", (string)properties["firmwareVersion"]!);
    }

    [Fact]
    public async Task Last_activity_follows_the_drift_steps()
    {
        await using var simulator = Simulator.Open(new SimulatorSettings { TelemetryIntervalSeconds = 10 });
        var firstSeen = simulator.Time.GetUtcNow();
        await simulator.PullAsync("sim-01");

        simulator.Time.Advance(TimeSpan.FromSeconds(25));

        Assert.Equal(firstSeen.AddSeconds(20), (await simulator.PullAsync("sim-01")).LastActivityAt);
    }

    [Fact]
    public async Task The_same_seed_and_the_same_calls_give_the_same_values()
    {
        var settings = new SimulatorSettings { Seed = 7, TelemetryIntervalSeconds = 0 };
        var first = await RunAsync(settings);
        var second = await RunAsync(settings);
        var otherSeed = await RunAsync(new SimulatorSettings { Seed = 8, TelemetryIntervalSeconds = 0 });

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);

        static async Task<List<string>> RunAsync(SimulatorSettings settings)
        {
            await using var simulator = Simulator.Open(settings);
            var values = new List<string>();
            for (var i = 0; i < 50; i++)
            {
                foreach (var id in new[] { "sim-01", "sim-02" })
                {
                    values.Add((await simulator.PullAsync(id)).ReportedProperties!.ToJsonString());
                }

                simulator.Time.Advance(TimeSpan.FromMinutes(3));
            }

            return values;
        }
    }

    [Fact]
    public async Task Devices_of_one_seed_differ_from_each_other()
    {
        await using var simulator = Simulator.Open();

        var one = (await simulator.PullAsync("sim-01")).ReportedProperties!;
        var two = (await simulator.PullAsync("sim-02")).ReportedProperties!;

        Assert.NotEqual((double)one["temperature"]!, (double)two["temperature"]!);
    }

    [Fact]
    public async Task Values_are_fixed_by_seed_and_device_id_in_every_process()
    {
        // Pinned values: a per-process hash (string.GetHashCode) or a runtime-dependent generator would break them.
        await using var simulator = Simulator.Open(new SimulatorSettings { Seed = 42 });

        var properties = (await simulator.PullAsync("sim-01")).ReportedProperties!;

        Assert.Equal(PinnedSim01Seed42, properties.ToJsonString());
    }

    [Fact]
    public async Task Values_drift_within_their_bounds_and_around_the_setpoint()
    {
        await using var simulator = Simulator.Open(new SimulatorSettings { Seed = 3, TelemetryIntervalSeconds = 0 });
        var temperatures = new List<double>();
        var humidities = new List<double>();
        for (var step = 0; step < 5_000; step++)
        {
            var properties = (await simulator.PullAsync("sim-07")).ReportedProperties!;
            temperatures.Add((double)properties["temperature"]!);
            humidities.Add((double)properties["humidity"]!);
            simulator.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.All(temperatures, t => Assert.InRange(t, 0, 40));
        Assert.All(humidities, h => Assert.InRange(h, 10, 90));
        Assert.True(temperatures.Distinct().Count() > 100, "The temperature hardly drifts.");
        Assert.True(humidities.Distinct().Count() > 100, "The humidity hardly drifts.");
        Assert.True(temperatures.Zip(temperatures.Skip(1)).All(p => Math.Abs(p.First - p.Second) <= 2.5), "A drift step jumped.");
    }

    [Fact]
    public async Task Values_forced_to_the_bounds_stay_within_them()
    {
        await using var simulator = Simulator.Open(new SimulatorSettings { CommandDelayMilliseconds = 0, TelemetryIntervalSeconds = 0 });
        var command = new DeviceCommand(Guid.NewGuid(), Simulator.Device("hot"), "Set Values", new() { ["Reading"] = new System.Text.Json.Nodes.JsonObject { ["Temperature"] = 40, ["Humidity"] = 10 } }, null);
        await simulator.Instance.SendCommandAsync(command, CancellationToken.None);
        await simulator.Sink.WaitUntilAsync(s => s.StatusesOf(command.CommandId).Contains(CommandStatus.Succeeded), "Set Values to succeed");

        for (var step = 0; step < 500; step++)
        {
            simulator.Time.Advance(TimeSpan.FromMinutes(1));
            var properties = (await simulator.PullAsync("hot")).ReportedProperties!;
            Assert.InRange((double)properties["temperature"]!, 0, 40);
            Assert.InRange((double)properties["humidity"]!, 10, 90);
        }
    }

    private const string PinnedSim01Seed42 = """{"temperature":23.2,"humidity":50.38,"temperatureSetpoint":23,"firmwareVersion":"2.4.0"}""";
}
