using System.Globalization;
using Fieldlink.Connectors.Mqtt;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;
using Xunit.Abstractions;

namespace Fieldlink.Server.Tests.Crash;

/// <summary>
/// <c>kill -9</c> of a real <c>fieldlink serve</c> process in the middle of alert, telemetry and command traffic, and a
/// restart on the same store: nothing that was acknowledged is lost, no alert is stored twice, every group keeps one
/// parent, and every command is delivered at least once (a repeat with the same id) and ends. On both databases.
/// </summary>
/// <remarks>
/// The moment of the kill is drawn from a seed the test prints; <c>FIELDLINK_CRASH_SEED=n</c> runs it with another.
/// Threads still interleave as they will, so a seed repeats the kill's timing, not the exact state it finds.
/// </remarks>
public abstract class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int WindowSeconds = 20_000;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private string Elapsed => $"{_clock.Elapsed.TotalSeconds:0.0} s";

    /// <summary>The store's setting, as <c>--database</c> takes it.</summary>
    protected abstract string Database { get; }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    [Fact]
    public async Task Kill_during_http_ingestion_loses_no_acknowledged_alert_or_reading_and_stores_no_alert_twice()
    {
        var (seed, random) = Seeded(9_001);
        var ledger = new Ledger();
        var windowStart = WindowStart();
        Guid instanceId;
        Dictionary<string, Guid> devices;
        IngestionTraffic traffic;
        await using (var first = await ServerProcess.StartAsync(Database, Settings()))
        {
            using var admin = first.Client();
            var provider = await Registry.ProviderAsync(admin);
            instanceId = (await Registry.InstanceAsync(admin, provider.Id(), new { telemetryIntervalSeconds = 0 })).Id();
            devices = await DevicesAsync(admin, instanceId);
            output.WriteLine($"{Elapsed}: started");
            traffic = new IngestionTraffic(ledger, instanceId, [.. devices.Keys], windowStart, WindowSeconds);
            var clients = Enumerable.Range(0, 4).Select(_ => first.Client()).ToList();
            Task[] workers =
            [
                traffic.PostAlertsAsync(clients[0], 0, new Random(seed + 1)),
                traffic.PostAlertsAsync(clients[1], 1, new Random(seed + 2)),
                traffic.PostTelemetryAsync(clients[2], new Random(seed + 3)),
                traffic.PostTelemetryAsync(clients[3], new Random(seed + 4)),
            ];

            await WaitForAsync(() => traffic.Answered >= 100 || workers.Any(w => w.IsCompleted), "100 answered batches", first);
            Assert.DoesNotContain(workers, w => w.IsCompleted);
            await KillAtRandomAsync(first, random, () => $"{ledger.AcknowledgedAlerts} alerts and {ledger.AcknowledgedReadings} readings acknowledged");
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(40));
            clients.ForEach(c => c.Dispose());
        }

        await using var second = await ServerProcess.StartAsync(Database, Settings());
        using var client = second.Client();
        var retried = await traffic.RetryAsync(client);
        output.WriteLine($"{Elapsed}: restarted; {retried} batch(es) that got no answer sent again");
        var store = await StoreContents.ReadAsync(client, instanceId, devices, windowStart, WindowSeconds);

        output.WriteLine($"{Elapsed}: after the restart: {store.Alerts.Count} alerts and {store.Readings.Count} readings stored; {ledger.AcknowledgedAlerts} alerts and {ledger.AcknowledgedReadings} readings acknowledged.");
        List<string> problems = [.. traffic.Errors, .. store.AlertProblems(ledger, repeatsAllowed: false), .. store.ReadingProblems(ledger)];
        Assert.True(problems.Count == 0, Report(seed, problems, second));
    }

    [Fact]
    public async Task Kill_during_mqtt_and_command_traffic_loses_no_acknowledged_message_and_delivers_every_command_at_least_once()
    {
        var (seed, random) = Seeded(9_002);
        var ledger = new Ledger();
        var windowStart = WindowStart();
        await using var broker = await Mosquitto.StartAsync();
        await using var fleet = await DeviceFleet.ConnectAsync(broker.Port, ledger);
        using var stopPublishing = new CancellationTokenSource();
        Guid instanceId;
        Dictionary<string, Guid> devices;
        CommandTraffic commands;
        Task publishing;
        await using (var first = await ServerProcess.StartAsync(Database, Settings()))
        {
            using var admin = first.Client();
            var provider = await Registry.ProviderAsync(admin, MqttConnector.ConnectorKey);
            instanceId = (await Registry.InstanceAsync(admin, provider.Id(), new { host = "127.0.0.1", port = broker.Port, reconnectMinDelayMilliseconds = 50 })).Id();
            devices = await DevicesAsync(admin, instanceId);
            await fleet.ProbeAsync(admin, instanceId, devices.Keys.First());

            publishing = fleet.PublishAsync([.. devices.Keys], windowStart, WindowSeconds, new Random(seed + 1), stopPublishing.Token);
            commands = new CommandTraffic([.. devices.Values]);
            output.WriteLine($"{Elapsed}: the MQTT instance is connected");
            var clients = Enumerable.Range(0, 4).Select(_ => first.Client()).ToList();
            var workers = clients.Select((c, i) => commands.QueueAsync(c, i, new Random(seed + 2 + i))).ToArray();

            await WaitForAsync(() => (commands.Accepted.Count >= 60 && fleet.Commands.Count >= 30) || workers.Any(w => w.IsCompleted), "60 commands queued, 30 at the devices", first);
            Assert.DoesNotContain(workers, w => w.IsCompleted);
            await KillAtRandomAsync(first, random, () => $"{commands.Accepted.Count} commands queued, {fleet.Commands.Count} at the devices; {ledger.AcknowledgedAlerts} alerts and {ledger.AcknowledgedReadings} readings acknowledged by the broker");
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(40));
            clients.ForEach(c => c.Dispose());
        }

        // The devices go on publishing while Fieldlink is down and as it comes back.
        await using var second = await ServerProcess.StartAsync(Database, Settings());
        using var client = second.Client();
        await stopPublishing.CancelAsync();
        await publishing;

        var store = await WaitForStoreAsync(client, instanceId, devices, windowStart, ledger, second);
        output.WriteLine($"{Elapsed}: after the restart: {store.Alerts.Count} alerts and {store.Readings.Count} readings stored; {ledger.AcknowledgedAlerts} alerts and {ledger.AcknowledgedReadings} readings acknowledged.");
        var repeats = fleet.Commands.Where(c => c.Value > 1).ToList();
        var tokenlessRepeats = store.Alerts.Where(a => a["token"] is null).GroupBy(a => (string)a["description"]!).Count(g => g.Count() > 1);
        output.WriteLine($"{Elapsed}: {store.Commands.Count} commands stored, {commands.Accepted.Count} accepted; {repeats.Count} delivered more than once ({string.Join(", ", repeats.Select(r => $"{r.Key} x{r.Value}"))}); {tokenlessRepeats} alerts without a token stored twice (MQTT is at least once).");

        var byId = store.Commands.ToDictionary(c => c.Id());
        List<string> problems = [.. commands.Errors, .. fleet.Problems, .. store.AlertProblems(ledger, repeatsAllowed: true), .. store.ReadingProblems(ledger)];
        problems.AddRange(commands.Accepted.Where(id => !byId.ContainsKey(id)).Select(id => $"lost: command {id} was accepted (202) but is not in the store"));
        problems.AddRange(byId.Keys.Where(id => !fleet.Commands.ContainsKey(id)).Select(id => $"lost: command {id} ({byId[id]["status"]}) never reached its device"));
        problems.AddRange(byId.Values.Where(c => (string)c["status"]! != "Succeeded").Select(c => $"command {c["id"]} ended {c["status"]}: {c["error"]}"));
        problems.AddRange(fleet.Commands.Keys.Where(id => !byId.ContainsKey(id)).Select(id => $"invented: the devices received command {id}, which is not in the store"));
        Assert.True(problems.Count == 0, Report(seed, problems, second));
    }

    [Fact]
    public async Task Kill_with_the_embedded_broker_loses_no_message_the_broker_acknowledged_to_a_device()
    {
        var (seed, random) = Seeded(9_003);
        var ledger = new Ledger();
        var windowStart = WindowStart();
        var brokerPort = FieldlinkProcess.FreePort();
        var settings = Settings();
        settings["Mqtt:Broker"] = $"embedded:{brokerPort}";
        Guid instanceId;
        Dictionary<string, Guid> devices;
        await using (var first = await ServerProcess.StartAsync(Database, settings))
        {
            using var admin = first.Client();
            var provider = await Registry.ProviderAsync(admin, MqttConnector.ConnectorKey);
            instanceId = (await Registry.InstanceAsync(admin, provider.Id(), new { host = "127.0.0.1", port = brokerPort, reconnectMinDelayMilliseconds = 50 })).Id();
            devices = await DevicesAsync(admin, instanceId);
            await using var fleet = await DeviceFleet.ConnectAsync(brokerPort, ledger);
            await fleet.ProbeAsync(admin, instanceId, devices.Keys.First());
            output.WriteLine($"{Elapsed}: the MQTT instance is connected to the embedded broker");

            // Publishing ends when the broker dies with the process.
            var publishing = fleet.PublishAsync([.. devices.Keys], windowStart, WindowSeconds, new Random(seed + 1), CancellationToken.None);
            await WaitForAsync(() => (ledger.AcknowledgedAlerts >= 50 && ledger.AcknowledgedReadings >= 100) || publishing.IsCompleted, "50 alerts and 100 readings acknowledged", first);
            Assert.False(publishing.IsCompleted, "The devices stopped publishing before the kill.");
            await KillAtRandomAsync(first, random, () => $"{ledger.AcknowledgedAlerts} alerts and {ledger.AcknowledgedReadings} readings acknowledged by the broker");
            await publishing.WaitAsync(TimeSpan.FromSeconds(40));
        }

        await using var second = await ServerProcess.StartAsync(Database, settings);
        using var client = second.Client();
        var store = await WaitForStoreAsync(client, instanceId, devices, windowStart, ledger, second);
        output.WriteLine($"{Elapsed}: after the restart: {store.Alerts.Count} alerts and {store.Readings.Count} readings stored; {ledger.AcknowledgedAlerts} alerts and {ledger.AcknowledgedReadings} readings acknowledged.");
        List<string> problems = [.. store.AlertProblems(ledger, repeatsAllowed: true), .. store.ReadingProblems(ledger)];
        Assert.True(problems.Count == 0, Report(seed, problems, second));
    }

    /// <summary>
    /// Short leases and polls so a restart takes over at once; an outcome timeout longer than any restart, so a
    /// device's answer that waited in the broker is not overtaken by it; MQTT instances open within a second; one MQTT
    /// node name, so the restarted process resumes the broker session.
    /// </summary>
    private static Dictionary<string, string> Settings() => new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Api:MaxPageSize"] = "10000",
        ["Connectors:ReconcileInterval"] = "00:00:01",
        ["Commands:LeaseDuration"] = "00:00:02",
        ["Commands:PollInterval"] = "00:00:00.200",
        ["Commands:OutcomeTimeout"] = "00:02:00",
        ["Mqtt:Node"] = "crash",
    };

    private (int Seed, Random Random) Seeded(int fallback)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FIELDLINK_CRASH_SEED"), CultureInfo.InvariantCulture, out var given) ? given : fallback;
        output.WriteLine($"seed {seed} (FIELDLINK_CRASH_SEED={seed} repeats it)");
        return (seed, new Random(seed));
    }

    /// <summary>A window of readings well in the past, on a whole second, so no reading is refused as in the future.</summary>
    private static DateTimeOffset WindowStart()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-WindowSeconds - 3600);
        return new DateTimeOffset(start.UtcTicks - (start.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    private static async Task<Dictionary<string, Guid>> DevicesAsync(HttpClient admin, Guid instanceId)
    {
        var devices = new Dictionary<string, Guid>(StringComparer.Ordinal);
        for (var i = 0; i < 4; i++)
        {
            devices[$"crash-{i}"] = (await Registry.DeviceAsync(admin, instanceId, $"crash-{i}")).Id();
        }

        return devices;
    }

    private async Task KillAtRandomAsync(ServerProcess server, Random random, Func<string> state)
    {
        var delay = random.Next(0, 3000);
        await Task.Delay(delay);
        await server.KillAsync();
        output.WriteLine($"{Elapsed}: killed {delay} ms after the traffic was under way, with {state()}");
    }

    /// <summary>
    /// Waits until every command in the store has ended and every acknowledged alert and reading is stored (what
    /// the broker holds for Fieldlink comes in after the restart), or 30 seconds passed; returns the store then.
    /// </summary>
    private static async Task<StoreContents> WaitForStoreAsync(HttpClient client, Guid instanceId, Dictionary<string, Guid> devices, DateTimeOffset windowStart, Ledger ledger, ServerProcess server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var store = await StoreContents.ReadAsync(client, instanceId, devices, windowStart, WindowSeconds);
            var open = store.Commands.Count(c => (string)c["status"]! is "Queued" or "Sent" or "Delivered");
            var lost = store.AlertProblems(ledger, repeatsAllowed: true).Concat(store.ReadingProblems(ledger)).Count(p => p.StartsWith("lost", StringComparison.Ordinal));
            if ((open == 0 && lost == 0) || DateTime.UtcNow > deadline)
            {
                return store;
            }

            Assert.False(server.HasExited, $"fieldlink serve exited after the restart:\n{server.Log}");
            await Task.Delay(500);
        }
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

    private static string Report(int seed, List<string> problems, ServerProcess server) =>
        $"seed {seed}: {problems.Count} problem(s):\n{string.Join('\n', problems.Take(40))}\n--- server log (last lines) ---\n{server.Log}";
}

public sealed class CrashOnSqliteTests(ITestOutputHelper output) : CrashTests(output)
{
    private readonly TempDirectory _directory = new();

    protected override string Database => Path.Combine(_directory.Path, "fieldlink.db");

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class CrashOnPostgresTests(ITestOutputHelper output) : CrashTests(output)
{
    private TestDatabase? _database;

    protected override string Database => _database!.ConnectionString;

    public override async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
