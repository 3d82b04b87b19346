using System.Diagnostics;
using Fieldlink.Server.Tests.Crash;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Mqtt;
using Fieldlink.Testing;
using Xunit.Abstractions;

namespace Fieldlink.Server.Tests.Fleet;

/// <summary>
/// The mixed traffic of an operator's fleet, against real <c>fieldlink serve</c> processes on one PostgreSQL database
/// and one MQTT broker: MQTT devices publishing telemetry and alerts at QoS 1 and acknowledging every command
/// (<see cref="DeviceFleet"/>), dispatchers queuing commands through every process's API, and what the store must hold
/// once it settles — every reading and alert the broker acknowledged to a device stored (a reading and an alert with a
/// token once), every command accepted ended Succeeded, none TimedOut because its device's answer waited where nobody
/// read it. Shared by the fleet's kill and restart tests, whatever the number of processes and the broker.
/// </summary>
public sealed class FleetTraffic(ITestOutputHelper output)
{
    private const int WindowSeconds = 10_000;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>The node names of the processes, in order.</summary>
    public static readonly string[] NodeNames = ["node-a", "node-b", "node-c"];

    /// <summary>The default fleet timing: a dead process's share is taken over this long after its last beat, at most.</summary>
    public static readonly TimeSpan Detection = TimeSpan.FromSeconds(10 + 2);

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The defaults but for the node name, logs at Warning, whole pages of commands, and instances opened within a second.</summary>
    public static Dictionary<string, string> Settings(string node) => new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Connectors:Node"] = node,
        ["Connectors:ReconcileInterval"] = "00:00:01",
        ["Api:MaxPageSize"] = "10000",
    };

    public void Say(string line) => output.WriteLine($"{_clock.Elapsed.TotalSeconds:0.0} s: {line}");

    /// <summary>
    /// An MQTT instance on <paramref name="brokerPort"/> with four devices, connected from <paramref name="processes"/>
    /// processes, and storing what the devices publish; its subscriptions shared unless <paramref name="shared"/> is false.
    /// </summary>
    public static async Task<(Guid Instance, Dictionary<string, Guid> Devices)> ConnectedInstanceAsync(HttpClient admin, int brokerPort, DeviceFleet fleet, int processes, bool shared = true)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var provider = await Registry.ProviderAsync(admin, Fieldlink.Connectors.Mqtt.MqttConnector.ConnectorKey);
        object settings = shared
            ? new { host = "127.0.0.1", port = brokerPort, reconnectMinDelayMilliseconds = 50 }
            : new { host = "127.0.0.1", port = brokerPort, reconnectMinDelayMilliseconds = 50, sharedSubscriptionGroup = "" };
        var instance = (await Registry.InstanceAsync(admin, provider.Id(), settings)).Id();
        var devices = new Dictionary<string, Guid>();
        foreach (var deviceId in new[] { "fleet-0", "fleet-1", "fleet-2", "fleet-3" })
        {
            devices[deviceId] = (await Registry.DeviceAsync(admin, instance, deviceId)).Id();
        }

        await MqttFixture.PollAsync(admin, $"/api/v1/providerInstances/{instance}",
            i => i["connection"]!["nodes"]!.AsArray().Count == processes && (string?)i["connection"]!["state"] == "Connected", $"{processes} processes connected");
        await fleet.ProbeAsync(admin, instance, "fleet-0");
        return (instance, devices);
    }

    /// <summary>
    /// Mixed traffic through every one of <paramref name="nodes"/> (connected to the broker at
    /// <paramref name="brokerPort"/>), then SIGKILL of <paramref name="victim"/> while it goes on for four seconds more.
    /// Asserts that every message the broker acknowledged is stored within <see cref="Detection"/> + 10 s of the kill —
    /// the dead process's share through its taken-over session — and that every command accepted by any process
    /// ended Succeeded, none TimedOut, within <see cref="Detection"/> + 13 s.
    /// </summary>
    public async Task KillOneUnderTrafficAsync(ServerProcess[] nodes, int victim, int brokerPort, int seed, bool shared = true)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var ledger = new Ledger();
        await using var fleet = await DeviceFleet.ConnectAsync(brokerPort, ledger);
        var survivors = nodes.Where((_, i) => i != victim).ToArray();
        using var admin = survivors[0].Client();
        var (instance, devices) = await ConnectedInstanceAsync(admin, brokerPort, fleet, nodes.Length, shared);

        var windowStart = WindowStart();
        using var stop = new CancellationTokenSource();
        var publishing = PublishAsync(fleet, devices, windowStart, seed, stop.Token);
        var commands = new CommandTraffic([.. devices.Values]);
        var clients = nodes.Select(n => n.Client()).ToList();
        try
        {
            Task[] queuing = [.. clients.Select((client, i) => commands.QueueAsync(client, i, new Random(seed + 1 + i), stop.Token))];
            await WaitForAsync(() => commands.Accepted.Count >= 40 && fleet.Commands.Count >= 20 && ledger.AcknowledgedReadings >= 100, "40 commands queued, 20 at the devices, 100 readings acknowledged", survivors[0]);

            var killedAt = Elapsed;
            await nodes[victim].KillAsync();
            Say($"killed {NodeNames[victim]} of {nodes.Length} with {commands.Accepted.Count} commands queued, {fleet.Commands.Count} at the devices, {ledger.AcknowledgedAlerts} alerts and {ledger.AcknowledgedReadings} readings acknowledged by the broker");

            // The devices and the survivors' dispatchers go on; the broker gives the dead process's share to its orphaned session meanwhile.
            await Task.Delay(TimeSpan.FromSeconds(4));
            await stop.CancelAsync();
            await publishing;
            await Task.WhenAll(queuing);

            var (store, messagesStoredAt) = await SettledAsync(admin, instance, devices, windowStart, ledger, survivors[0]);
            var settledAfter = Elapsed - killedAt;
            var storedAfter = messagesStoredAt - killedAt;
            Say($"every acknowledged message stored {storedAfter?.TotalSeconds:F1} s and every command ended {settledAfter.TotalSeconds:F1} s after the kill: {Summary(store, ledger, commands, fleet)}");
            var problems = Problems(store, ledger, commands, fleet, repeatsAllowed: true);
            Assert.True(problems.Count == 0, Report(problems, survivors));
            Assert.True(storedAfter < Detection + TimeSpan.FromSeconds(10), $"Every acknowledged message was stored only {storedAfter?.TotalSeconds:F1} s after the kill.");
            Assert.True(settledAfter < Detection + TimeSpan.FromSeconds(13), $"Every command ended only {settledAfter.TotalSeconds:F1} s after the kill.");
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>A window of readings well in the past, on a whole second, so no reading is refused as in the future.</summary>
    public static DateTimeOffset WindowStart()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-WindowSeconds - 3600);
        return new DateTimeOffset(start.UtcTicks - (start.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    public static Task PublishAsync(DeviceFleet fleet, Dictionary<string, Guid> devices, DateTimeOffset windowStart, int seed, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(devices);
        return fleet.PublishAsync([.. devices.Keys], windowStart, WindowSeconds, new Random(seed), stop);
    }

    /// <summary>A dispatcher queuing commands through <paramref name="node"/> until its stop is canceled or the process is gone.</summary>
    public static (CancellationTokenSource Stop, HttpClient Client, Task Queuing) StartQueuing(CommandTraffic commands, ServerProcess node, int worker, int seed)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(node);
        var stop = new CancellationTokenSource();
        var client = node.Client();
        return (stop, client, commands.QueueAsync(client, worker, new Random(seed), stop.Token));
    }

    public static async Task StopQueuingAsync((CancellationTokenSource Stop, HttpClient Client, Task Queuing) worker)
    {
        await worker.Stop.CancelAsync();
        await worker.Queuing;
        worker.Stop.Dispose();
        worker.Client.Dispose();
    }

    /// <summary>
    /// Waits until every stored command has ended and every acknowledged message is stored, or 45 s passed; returns
    /// the store then, and when every acknowledged message was first seen stored (null if never).
    /// </summary>
    public async Task<(StoreContents Store, TimeSpan? MessagesStoredAt)> SettledAsync(HttpClient client, Guid instance, Dictionary<string, Guid> devices, DateTimeOffset windowStart, Ledger ledger, ServerProcess server)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(server);
        var deadline = DateTime.UtcNow.AddSeconds(45);
        TimeSpan? messagesStoredAt = null;
        while (true)
        {
            var store = await StoreContents.ReadAsync(client, instance, devices, windowStart, WindowSeconds);
            var open = store.Commands.Count(c => (string)c["status"]! is "Queued" or "Sent" or "Delivered");
            var lost = store.AlertProblems(ledger, repeatsAllowed: true).Concat(store.ReadingProblems(ledger)).Count(p => p.StartsWith("lost", StringComparison.Ordinal));
            if (lost == 0)
            {
                messagesStoredAt ??= _clock.Elapsed;
            }

            if ((open == 0 && lost == 0) || DateTime.UtcNow > deadline)
            {
                return (store, messagesStoredAt);
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
    public static List<string> Problems(StoreContents store, Ledger ledger, CommandTraffic commands, DeviceFleet fleet, bool repeatsAllowed)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(fleet);
        var byId = store.Commands.ToDictionary(c => c.Id());
        List<string> problems = [.. commands.Errors, .. fleet.Problems, .. store.AlertProblems(ledger, repeatsAllowed), .. store.ReadingProblems(ledger)];
        problems.AddRange(commands.Accepted.Where(id => !byId.ContainsKey(id)).Select(id => $"lost: command {id} was accepted (202) but is not in the store"));
        problems.AddRange(byId.Keys.Where(id => !fleet.Commands.ContainsKey(id)).Select(id => $"lost: command {id} ({byId[id]["status"]}) never reached its device"));
        problems.AddRange(byId.Values.Where(c => (string)c["status"]! != "Succeeded").Select(c => $"command {c["id"]} ended {c["status"]}: {c["error"]}"));
        problems.AddRange(fleet.Commands.Keys.Where(id => !byId.ContainsKey(id)).Select(id => $"invented: the devices received command {id}, which is not in the store"));
        return problems;
    }

    public static string Summary(StoreContents store, Ledger ledger, CommandTraffic commands, DeviceFleet fleet)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(fleet);
        var tokenlessRepeats = store.Alerts.Where(a => a["token"] is null).GroupBy(a => (string)a["description"]!).Count(g => g.Count() > 1);
        var repeats = fleet.Commands.Count(c => c.Value > 1);
        return $"{store.Alerts.Count} alerts and {store.Readings.Count} readings stored, {ledger.AcknowledgedAlerts} alerts and {ledger.AcknowledgedReadings} readings acknowledged; "
            + $"{store.Commands.Count} commands stored, {commands.Accepted.Count} accepted, {repeats} delivered more than once; {tokenlessRepeats} alerts without a token stored twice";
    }

    public static async Task WaitForAsync(Func<bool> condition, string what, ServerProcess server)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(server);
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Never saw {what}:\n{server.Log}");
            await Task.Delay(20);
        }
    }

    public static string Report(List<string> problems, params ServerProcess[] servers)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return $"{problems.Count} problem(s):\n{string.Join('\n', problems.Take(40))}"
            + string.Concat(servers.Select((s, i) => $"\n--- server log {i} (last lines) ---\n{s.Log}"));
    }
}
