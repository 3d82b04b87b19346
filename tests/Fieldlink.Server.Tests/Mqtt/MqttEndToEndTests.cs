using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Api.Commands;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Mqtt;

/// <summary>
/// The issue's "tried as a new user would": a Mosquitto broker, devices driven by the real mosquitto_pub and
/// mosquitto_sub, and Fieldlink's API showing what they sent and taking their command acks.
/// </summary>
public sealed class MqttEndToEndTests(MqttEndToEndTests.Fixture fixture) : IClassFixture<MqttEndToEndTests.Fixture>
{
    private readonly HttpClient _admin = fixture.Server.Client();

    [Fact]
    public async Task Mosquitto_clients_send_telemetry_and_an_alert_and_acknowledge_a_command_that_ends_Succeeded()
    {
        await using var broker = await Mosquitto.StartAsync();
        var (instance, devices) = await MqttFixture.InstanceAsync(_admin, broker.Port, "pump-1");
        await MqttFixture.ConnectedAsync(fixture.Server, instance);

        Assert.Equal(0, (await broker.PublishAsync("-q", "1", "-t", "devices/pump-1/telemetry", "-m", """{"temperature": 21.5, "pressure": 3.1}""")).ExitCode);
        Assert.Equal(0, (await broker.PublishAsync("-q", "1", "-t", "devices/pump-1/alerts", "-m", """{"alertType": "Anomaly", "description": "Pressure drop", "token": "evt-1"}""")).ExitCode);
        Assert.Equal(0, (await broker.PublishAsync("-q", "1", "-r", "-t", "devices/pump-1/status", "-m", "online")).ExitCode);

        var pump = devices["pump-1"];
        var readings = await MqttFixture.PollAsync(_admin, $"/api/v1/devices/{pump}/readings?interval=PT1H&measures=temperature,pressure",
            r => MqttFixture.ReadingCount(r, "temperature") == 1, "the reading");
        Assert.Equal(21.5, (double)readings["measures"]!["temperature"]![0]!["max"]!);
        var alerts = await MqttFixture.PollAsync(_admin, $"/api/v1/alerts?$filter=providerInstanceId eq {instance}", a => a["value"]!.AsArray().Count == 1, "the alert");
        var alert = alerts["value"]![0]!;
        Assert.Equal(("pump-1", "Pressure drop", "evt-1"), ((string)alert["deviceId"]!, (string)alert["description"]!, (string)alert["token"]!));
        await MqttFixture.PollAsync(_admin, $"/api/v1/devices/{pump}", d => (string?)d["connectionState"] == "Connected", "the device online");

        // The device's session subscribes first (-E: exit once subscribed), so the command waits for it at the broker.
        Assert.Equal(0, (await broker.RunClientAsync("mosquitto_sub", "-i", "pump-1", "-c", "-q", "1", "-t", "devices/pump-1/commands/+", "-E")).ExitCode);
        var command = await (await _admin.PostJsonAsync($"/api/v1/devices/{pump}/commands", new { name = "Set Values", parameters = new { speed = 3 } }))
            .ReadObjectAsync(HttpStatusCode.Accepted);
        var (exitCode, output) = await broker.RunClientAsync("mosquitto_sub", "-i", "pump-1", "-c", "-q", "1", "-t", "devices/pump-1/commands/+", "-C", "1", "-v", "-W", "30");
        Assert.True(exitCode == 0, output);
        var space = output.IndexOf(' ', StringComparison.Ordinal);
        Assert.Equal($"devices/pump-1/commands/{command.Id()}", output[..space]);
        var received = JsonNode.Parse(output[(space + 1)..])!;
        Assert.Equal(("Set Values", 3), ((string)received["name"]!, (int)received["parameters"]!["speed"]!));
        await CommandsTests.WaitForAsync(_admin, command.Id(), "Sent");

        Assert.Equal(0, (await broker.PublishAsync("-q", "1", "-t", $"devices/pump-1/commands/{command.Id()}/ack", "-m", """{"status": "succeeded", "payload": {"speed": 3}}""")).ExitCode);
        var done = await CommandsTests.WaitForAsync(_admin, command.Id(), "Succeeded");
        Assert.Equal(3, (int)done["response"]!["speed"]!);
    }

    [Fact]
    public async Task A_command_the_device_never_acknowledges_ends_TimedOut_and_one_it_fails_ends_Failed()
    {
        await using var broker = await Mosquitto.StartAsync();
        var (instance, devices) = await MqttFixture.InstanceAsync(_admin, broker.Port, "pump-2");
        await MqttFixture.ConnectedAsync(fixture.Server, instance);
        Assert.Equal(0, (await broker.RunClientAsync("mosquitto_sub", "-i", "pump-2", "-c", "-q", "1", "-t", "devices/pump-2/commands/+", "-E")).ExitCode);

        var silent = await (await _admin.PostJsonAsync($"/api/v1/devices/{devices["pump-2"]}/commands", new { name = "Ping" })).ReadObjectAsync(HttpStatusCode.Accepted);
        var failing = await (await _admin.PostJsonAsync($"/api/v1/devices/{devices["pump-2"]}/commands", new { name = "Reboot" })).ReadObjectAsync(HttpStatusCode.Accepted);
        await CommandsTests.WaitForAsync(_admin, failing.Id(), "Sent");
        await broker.PublishAsync("-q", "1", "-t", $"devices/pump-2/commands/{failing.Id()}/ack", "-m", """{"status": "failed", "error": "Door open"}""");

        Assert.Equal("Door open", (string)(await CommandsTests.WaitForAsync(_admin, failing.Id(), "Failed"))["error"]!);
        await CommandsTests.WaitForAsync(_admin, silent.Id(), "TimedOut");
    }

    [Fact]
    public async Task Malformed_messages_and_unknown_devices_are_listed_as_dead_letters()
    {
        await using var broker = await Mosquitto.StartAsync();
        var (instance, devices) = await MqttFixture.InstanceAsync(_admin, broker.Port, "pump-3");
        await MqttFixture.ConnectedAsync(fixture.Server, instance);

        await broker.PublishAsync("-q", "1", "-t", "devices/pump-3/telemetry", "-m", "{not json");
        await broker.PublishAsync("-q", "1", "-t", "devices/ghost/telemetry", "-m", """{"temperature": 20}""");
        await broker.PublishAsync("-q", "1", "-t", "devices/pump-3/telemetry", "-m", """{"temperature": 22}""");

        var letters = await MqttFixture.PollAsync(_admin, $"/api/v1/deadLetters?$filter=providerInstanceId eq {instance}&$count=true&$orderby=receivedAt",
            d => (int)d["@odata.count"]! == 2, "two dead letters");
        var bad = letters["value"]!.AsArray().Single(l => (string)l!["deviceId"]! == "pump-3")!;
        Assert.Equal(("devices/pump-3/telemetry", "{not json"), ((string)bad["source"]!, (string)bad["payload"]!));
        Assert.Contains("not valid JSON", (string)bad["reason"]!, StringComparison.Ordinal);
        var ghost = letters["value"]!.AsArray().Single(l => (string)l!["deviceId"]! == "ghost")!;
        Assert.Contains("No device with deviceId 'ghost'", (string)ghost["reason"]!, StringComparison.Ordinal);
        var one = await (await _admin.GetAsync($"/api/v1/deadLetters/{(string)ghost["id"]!}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("telemetry", (string)one["source"]!);

        // The connector went on: the good reading after the bad one is stored.
        await MqttFixture.PollAsync(_admin, $"/api/v1/devices/{devices["pump-3"]}/readings?interval=PT1H&measures=temperature",
            r => MqttFixture.ReadingCount(r, "temperature") == 1, "the good reading");

        // And counted: the malformed message in the connector's dead-letter counter, every message in its message counter.
        var name = (string)(await (await _admin.GetAsync($"/api/v1/providerInstances/{instance}")).ReadObjectAsync(HttpStatusCode.OK))["name"]!;
        var metrics = (await fixture.Server.Client(key: null).GetStringAsync("/metrics")).Split('\n');
        Assert.Contains(metrics, l => l.StartsWith("fieldlink_mqtt_dead_letters_total{", StringComparison.Ordinal) && l.Contains($"instance=\"{name}\"", StringComparison.Ordinal));
        Assert.Contains(metrics, l => l.StartsWith("fieldlink_mqtt_messages_total{", StringComparison.Ordinal) && l.Contains($"instance=\"{name}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_instance_settings_are_refused_naming_the_field()
    {
        var provider = await Registry.ProviderAsync(_admin, "mqtt");
        var response = await _admin.PostJsonAsync("/api/v1/providerInstances", new
        {
            providerId = provider.Id(),
            name = Registry.Unique("Bad MQTT"),
            settings = new { host = "127.0.0.1", telemetryTopic = "devices/+/telemetry" },
        });
        var errors = await response.ReadFieldErrorAsync("settings.telemetryTopic");
        Assert.Contains("wildcards", errors, StringComparison.Ordinal);

        var secret = await Registry.InstanceAsync(_admin, provider.Id(), new { host = "127.0.0.1", username = "fieldlink", password = "s3cret" });
        Assert.Null(secret["settings"]!["password"]);
        Assert.Equal("fieldlink", (string)secret["settings"]!["username"]!);
    }

    /// <summary>One server for the class; each test starts a broker of its own, so no test sees another's retained messages.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public SqliteServer Server { get; } = new SqliteServer().ForMqtt();

        public Task InitializeAsync() => Server.InitializeAsync();

        public Task DisposeAsync() => ((IAsyncLifetime)Server).DisposeAsync();
    }
}
