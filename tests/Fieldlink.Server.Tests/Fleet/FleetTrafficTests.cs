using System.Diagnostics;
using Fieldlink.Server.Tests.Crash;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Mqtt;
using Fieldlink.Testing;
using Xunit.Abstractions;

namespace Fieldlink.Server.Tests.Fleet;

/// <summary>
/// Two real <c>fieldlink serve</c> processes, node-a and node-b, on one PostgreSQL database and one Mosquitto, under
/// the mixed traffic of an operator's fleet: MQTT devices publishing telemetry and alerts at QoS 1 and acknowledging
/// every command (<see cref="DeviceFleet"/>), and dispatchers queuing commands through both processes' API. Losing a
/// process — to SIGKILL, or one by one to a rolling restart — must lose nothing: every reading and alert the broker
/// acknowledged to a device is stored (a reading and an alert with a token once), and every command ends Succeeded,
/// none TimedOut because its device's answer waited where nobody read it. With the default fleet timing and leases.
/// </summary>
public sealed class FleetTrafficTests(ITestOutputHelper output)
{
    private const int WindowSeconds = 10_000;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact]
    public async Task Mixed_traffic_through_a_SIGKILL_of_one_of_two_processes_stores_every_acknowledged_message_and_ends_every_command_within_seconds()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var broker = await Mosquitto.StartAsync();
        var ledger = new Ledger();
        await using var fleet = await DeviceFleet.ConnectAsync(broker.Port, ledger);
        await using var a = await ServerProcess.StartAsync(database.ConnectionString, Settings("node-a"));
        await using var b = await ServerProcess.StartAsync(database.ConnectionString, Settings("node-b"));
        using var admin = b.Client();
        var (instance, devices) = await ConnectedInstanceAsync(admin, broker.Port, fleet);

        var windowStart = WindowStart();
        using var stop = new CancellationTokenSource();
        var publishing = fleet.PublishAsync([.. devices.Keys], windowStart, WindowSeconds, new Random(14_021), stop.Token);
        var commands = new CommandTraffic([.. devices.Values]);
        using var toA = a.Client();
        using var toB = b.Client();
        Task[] queuing = [commands.QueueAsync(toA, 0, new Random(14_022), stop.Token), commands.QueueAsync(toB, 1, new Random(14_023), stop.Token)];
        await WaitForAsync(() => commands.Accepted.Count >= 40 && fleet.Commands.Count >= 20 && ledger.AcknowledgedReadings >= 100, "40 commands queued, 20 at the devices, 100 readings acknowledged", b);

        var killedAt = _clock.Elapsed;
        await a.KillAsync();
        output.WriteLine($"{Elapsed}: killed node-a with {commands.Accepted.Count} commands queued, {fleet.Commands.Count} at the devices, {ledger.AcknowledgedAlerts} alerts and {ledger.AcknowledgedReadings} readings acknowledged by the broker");

        // The devices and node-b's dispatchers go on; the broker gives node-a's share to its orphaned session meanwhile.
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stop.CancelAsync();
        await publishing;
        await Task.WhenAll(queuing);

        var store = await SettledAsync(admin, instance, devices, windowStart, ledger, b);
        var settledAfter = _clock.Elapsed - killedAt;
        output.WriteLine($"{Elapsed}: settled {settledAfter.TotalSeconds:F1} s after the kill: {Summary(store, ledger, commands, fleet)}");
        var problems = Problems(store, ledger, commands, fleet, repeatsAllowed: true);
        Assert.True(problems.Count == 0, Report(problems, b));

        // Dead after 10 s, seen at the next 2 s check; the rest is the drain and the devices' answers on a loaded machine.
        Assert.True(settledAfter < TimeSpan.FromSeconds(25), $"Everything was stored and ended only {settledAfter.TotalSeconds:F1} s after the kill.");
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
            var (instance, devices) = await ConnectedInstanceAsync(firstAdmin, broker.Port, fleet);
            var windowStart = WindowStart();
            using var stopPublishing = new CancellationTokenSource();
            var publishing = fleet.PublishAsync([.. devices.Keys], windowStart, WindowSeconds, new Random(14_031), stopPublishing.Token);
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
                var name = i == 0 ? "node-a" : "node-b";
                await StopQueuingAsync(workers[i]);
                await nodes[i].StopAsync();
                output.WriteLine($"{Elapsed}: stopped {name} with {commands.Accepted.Count} commands queued, {fleet.Commands.Count} at the devices");
                await nodes[i].DisposeAsync();
                nodes[i] = await ServerProcess.StartAsync(database.ConnectionString, Settings(name));
                using (var other = nodes[1 - i].Client())
                {
                    await MqttFixture.PollAsync(other, $"/api/v1/providerInstances/{instance}",
                        x => x["connection"]!["nodes"]!.AsArray().Count == 2 && (string?)x["connection"]!["state"] == "Connected", $"{name} connected again");
                }

                output.WriteLine($"{Elapsed}: {name} is back and connected");
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
            var store = await SettledAsync(admin, instance, devices, windowStart, ledger, nodes[0]);
            output.WriteLine($"{Elapsed}: settled: {Summary(store, ledger, commands, fleet)}");
            // A clean stop finishes the batch under way, so not even an alert without a token comes twice.
            var problems = Problems(store, ledger, commands, fleet, repeatsAllowed: false);
            Assert.True(problems.Count == 0, Report(problems, nodes[0]) + $"\n--- node-b ---\n{nodes[1].Log}");
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>The defaults but for the node name, logs at Warning, whole pages of commands, and instances opened within a second.</summary>
    private static Dictionary<string, string> Settings(string node) => new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Connectors:Node"] = node,
        ["Connectors:ReconcileInterval"] = "00:00:01",
        ["Api:MaxPageSize"] = "10000",
    };

    private string Elapsed => $"{_clock.Elapsed.TotalSeconds:0.0} s";

    private static (CancellationTokenSource Stop, HttpClient Client, Task Queuing) StartQueuing(CommandTraffic commands, ServerProcess node, int worker, int seed)
    {
        var stop = new CancellationTokenSource();
        var client = node.Client();
        return (stop, client, commands.QueueAsync(client, worker, new Random(seed), stop.Token));
    }

    private static async Task StopQueuingAsync((CancellationTokenSource Stop, HttpClient Client, Task Queuing) worker)
    {
        await worker.Stop.CancelAsync();
        await worker.Queuing;
        worker.Stop.Dispose();
        worker.Client.Dispose();
    }

    /// <summary>An MQTT instance with four devices, connected from both processes, and storing what the devices publish.</summary>
    private static async Task<(Guid Instance, Dictionary<string, Guid> Devices)> ConnectedInstanceAsync(HttpClient admin, int brokerPort, DeviceFleet fleet)
    {
        var (instance, devices) = await MqttFixture.InstanceAsync(admin, brokerPort, "fleet-0", "fleet-1", "fleet-2", "fleet-3");
        await MqttFixture.PollAsync(admin, $"/api/v1/providerInstances/{instance}",
            i => i["connection"]!["nodes"]!.AsArray().Count == 2 && (string?)i["connection"]!["state"] == "Connected", "both processes connected");
        await fleet.ProbeAsync(admin, instance, "fleet-0");
        return (instance, devices);
    }

    /// <summary>A window of readings well in the past, on a whole second, so no reading is refused as in the future.</summary>
    private static DateTimeOffset WindowStart()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-WindowSeconds - 3600);
        return new DateTimeOffset(start.UtcTicks - (start.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    /// <summary>Waits until every stored command has ended and every acknowledged message is stored, or 45 s passed.</summary>
    private static async Task<StoreContents> SettledAsync(HttpClient client, Guid instance, Dictionary<string, Guid> devices, DateTimeOffset windowStart, Ledger ledger, ServerProcess server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            var store = await StoreContents.ReadAsync(client, instance, devices, windowStart, WindowSeconds);
            var open = store.Commands.Count(c => (string)c["status"]! is "Queued" or "Sent" or "Delivered");
            var lost = store.AlertProblems(ledger, repeatsAllowed: true).Concat(store.ReadingProblems(ledger)).Count(p => p.StartsWith("lost", StringComparison.Ordinal));
            if ((open == 0 && lost == 0) || DateTime.UtcNow > deadline)
            {
                return store;
            }

            Assert.False(server.HasExited, $"fieldlink serve exited:\n{server.Log}");
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// What contradicts the ledger and the devices. A reading, an alert with a token, and a command's outcome may never
    /// be stored twice; an alert without a token may when <paramref name="repeatsAllowed"/>: MQTT delivers at least
    /// once, and a message a killed process stored but had not yet acknowledged to the broker comes again.
    /// </summary>
    private static List<string> Problems(StoreContents store, Ledger ledger, CommandTraffic commands, DeviceFleet fleet, bool repeatsAllowed)
    {
        var byId = store.Commands.ToDictionary(c => c.Id());
        List<string> problems = [.. commands.Errors, .. fleet.Problems, .. store.AlertProblems(ledger, repeatsAllowed), .. store.ReadingProblems(ledger)];
        problems.AddRange(commands.Accepted.Where(id => !byId.ContainsKey(id)).Select(id => $"lost: command {id} was accepted (202) but is not in the store"));
        problems.AddRange(byId.Keys.Where(id => !fleet.Commands.ContainsKey(id)).Select(id => $"lost: command {id} ({byId[id]["status"]}) never reached its device"));
        problems.AddRange(byId.Values.Where(c => (string)c["status"]! != "Succeeded").Select(c => $"command {c["id"]} ended {c["status"]}: {c["error"]}"));
        problems.AddRange(fleet.Commands.Keys.Where(id => !byId.ContainsKey(id)).Select(id => $"invented: the devices received command {id}, which is not in the store"));
        return problems;
    }

    private static string Summary(StoreContents store, Ledger ledger, CommandTraffic commands, DeviceFleet fleet)
    {
        var tokenlessRepeats = store.Alerts.Where(a => a["token"] is null).GroupBy(a => (string)a["description"]!).Count(g => g.Count() > 1);
        var repeats = fleet.Commands.Count(c => c.Value > 1);
        return $"{store.Alerts.Count} alerts and {store.Readings.Count} readings stored, {ledger.AcknowledgedAlerts} alerts and {ledger.AcknowledgedReadings} readings acknowledged; "
            + $"{store.Commands.Count} commands stored, {commands.Accepted.Count} accepted, {repeats} delivered more than once; {tokenlessRepeats} alerts without a token stored twice";
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, ServerProcess server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Never saw {what}:\n{server.Log}");
            await Task.Delay(20);
        }
    }

    private static string Report(List<string> problems, ServerProcess server) =>
        $"{problems.Count} problem(s):\n{string.Join('\n', problems.Take(40))}\n--- server log (last lines) ---\n{server.Log}";
}
