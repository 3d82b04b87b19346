using Fieldlink.Server.Tests.Crash;
using Fieldlink.Server.Tests.Mqtt;
using Fieldlink.Testing;
using Xunit.Abstractions;
using static Fieldlink.Server.Tests.Fleet.FleetTraffic;

namespace Fieldlink.Server.Tests.Fleet;

/// <summary>
/// Two and three real <c>fieldlink serve</c> processes on one PostgreSQL database and one Mosquitto, under the mixed
/// traffic of an operator's fleet (<see cref="FleetTraffic"/>). Losing a process — to SIGKILL, or one by one to a
/// rolling restart — must lose nothing: every reading and alert the broker acknowledged to a device is stored (a
/// reading and an alert with a token once), and every command ends Succeeded, none TimedOut because its device's answer
/// waited where nobody read it. With the default fleet timing and leases.
/// </summary>
public sealed class FleetTrafficTests(ITestOutputHelper output)
{
    private readonly FleetTraffic _traffic = new(output);

    [Fact]
    public async Task Mixed_traffic_through_a_SIGKILL_of_one_of_two_processes_stores_every_acknowledged_message_and_ends_every_command_within_seconds()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var broker = await Mosquitto.StartAsync();
        await using var a = await ServerProcess.StartAsync(database.ConnectionString, Settings("node-a"));
        await using var b = await ServerProcess.StartAsync(database.ConnectionString, Settings("node-b"));
        await _traffic.KillOneUnderTrafficAsync([a, b], victim: 0, broker.Port, seed: 14_021);
    }

    [Fact]
    public async Task Mixed_traffic_through_a_SIGKILL_of_one_of_three_processes_stores_every_acknowledged_message_and_ends_every_command_within_seconds()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var broker = await Mosquitto.StartAsync();
        await using var a = await ServerProcess.StartAsync(database.ConnectionString, Settings("node-a"));
        await using var b = await ServerProcess.StartAsync(database.ConnectionString, Settings("node-b"));
        await using var c = await ServerProcess.StartAsync(database.ConnectionString, Settings("node-c"));

        // The middle one: neither the process the test administers through nor the last to connect.
        await _traffic.KillOneUnderTrafficAsync([a, b, c], victim: 1, broker.Port, seed: 14_051);
    }

    [Fact]
    public async Task A_rolling_restart_of_both_processes_under_mixed_traffic_loses_nothing_and_ends_every_command()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var broker = await Mosquitto.StartAsync();
        var ledger = new Ledger();
        await using var fleet = await DeviceFleet.ConnectAsync(broker.Port, ledger);
        ServerProcess[] nodes =
        [
            await ServerProcess.StartAsync(database.ConnectionString, Settings("node-a")),
            await ServerProcess.StartAsync(database.ConnectionString, Settings("node-b")),
        ];
        try
        {
            using var firstAdmin = nodes[1].Client();
            var (instance, devices) = await ConnectedInstanceAsync(firstAdmin, broker.Port, fleet, nodes.Length);
            var windowStart = WindowStart();
            using var stopPublishing = new CancellationTokenSource();
            var publishing = PublishAsync(fleet, devices, windowStart, 14_031, stopPublishing.Token);
            var commands = new CommandTraffic([.. devices.Values]);
            var workers = new (CancellationTokenSource Stop, HttpClient Client, Task Queuing)[nodes.Length];
            for (var i = 0; i < nodes.Length; i++)
            {
                workers[i] = StartQueuing(commands, nodes[i], i, 14_032 + i);
            }

            await WaitForAsync(() => commands.Accepted.Count >= 30 && ledger.AcknowledgedReadings >= 100, "30 commands queued and 100 readings acknowledged", nodes[1]);

            // One by one, as an orchestrator rolls a deployment: stop (SIGTERM), start again under the same node name,
            // wait until it is connected again, then the next; the dispatchers send through whichever process is up.
            for (var i = 0; i < nodes.Length; i++)
            {
                var name = NodeNames[i];
                await StopQueuingAsync(workers[i]);
                await nodes[i].StopAsync();
                _traffic.Say($"stopped {name} with {commands.Accepted.Count} commands queued, {fleet.Commands.Count} at the devices");
                await nodes[i].DisposeAsync();
                nodes[i] = await ServerProcess.StartAsync(database.ConnectionString, Settings(name));
                using (var other = nodes[1 - i].Client())
                {
                    await MqttFixture.PollAsync(other, $"/api/v1/providerInstances/{instance}",
                        x => x["connection"]!["nodes"]!.AsArray().Count == 2 && (string?)x["connection"]!["state"] == "Connected", $"{name} connected again");
                }

                _traffic.Say($"{name} is back and connected");
                workers[i] = StartQueuing(commands, nodes[i], i, 14_040 + i);
                var queued = commands.Accepted.Count;
                await WaitForAsync(() => commands.Accepted.Count >= queued + 20, $"20 more commands queued after {name}'s restart", nodes[i]);
            }

            await stopPublishing.CancelAsync();
            await publishing;
            foreach (var worker in workers)
            {
                await StopQueuingAsync(worker);
            }

            using var admin = nodes[0].Client();
            var (store, _) = await _traffic.SettledAsync(admin, instance, devices, windowStart, ledger, nodes[0]);
            _traffic.Say($"settled: {Summary(store, ledger, commands, fleet)}");

            // A clean stop finishes the batch under way, so not even an alert without a token comes twice.
            var problems = Problems(store, ledger, commands, fleet, repeatsAllowed: false);
            Assert.True(problems.Count == 0, Report(problems, nodes));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }
}
