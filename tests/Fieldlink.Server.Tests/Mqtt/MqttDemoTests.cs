using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Api.Commands;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Mqtt;

/// <summary>
/// The default set-up needs no broker: with the embedded one on, the demo's MQTT devices take telemetry and commands
/// from any MQTT client, here the real mosquitto_pub and mosquitto_sub, as the README shows.
/// </summary>
public sealed class MqttDemoTests(MqttDemoTests.EmbeddedDemoServer server) : IClassFixture<MqttDemoTests.EmbeddedDemoServer>
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_demo_MQTT_device_on_the_embedded_broker_reports_telemetry_and_acknowledges_a_command()
    {
        var devices = await (await _admin.GetAsync("/api/v1/devices?$filter=deviceId eq 'mqtt-01'")).ReadObjectAsync(HttpStatusCode.OK);
        var device = Assert.Single(devices["value"]!.AsArray())!.AsObject();
        var instance = Guid.Parse((string)device["providerInstanceId"]!);
        await MqttFixture.ConnectedAsync(server, instance);
        string[] broker = ["-h", "127.0.0.1", "-p", server.BrokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)];

        var published = await RunAsync("mosquitto_pub", [.. broker, "-i", "mqtt-01-pub", "-q", "1", "-t", "devices/mqtt-01/telemetry", "-m", """{"temperature": 35.5, "humidity": 40}"""]);
        Assert.True(published.ExitCode == 0, published.Output);
        await MqttFixture.PollAsync(_admin, $"/api/v1/devices/{device.Id()}/readings?interval=PT1H&measures=temperature",
            r => MqttFixture.ReadingCount(r, "temperature") == 1, "the reading");

        // 35.5 °C is above the demo category's high threshold of 30: the threshold rule raises an alert.
        await MqttFixture.PollAsync(_admin, $"/api/v1/alerts?$filter=providerInstanceId eq {instance}", a => a["value"]!.AsArray().Count == 1, "the threshold alert");

        Assert.Equal(0, (await RunAsync("mosquitto_sub", [.. broker, "-V", "mqttv5", "-i", "mqtt-01", "-c", "-x", "3600", "-q", "1", "-t", "devices/mqtt-01/commands/+", "-E"])).ExitCode);
        var command = await (await _admin.PostJsonAsync($"/api/v1/devices/{device.Id()}/commands", new { name = "Reset Thermostat" })).ReadObjectAsync(HttpStatusCode.Accepted);
        var (exitCode, output) = await RunAsync("mosquitto_sub", [.. broker, "-V", "mqttv5", "-i", "mqtt-01", "-c", "-x", "3600", "-q", "1", "-t", "devices/mqtt-01/commands/+", "-C", "1", "-W", "30"]);
        Assert.True(exitCode == 0, output);
        Assert.Equal("Reset Thermostat", (string)JsonNode.Parse(output)!["name"]!);

        await RunAsync("mosquitto_pub", [.. broker, "-i", "mqtt-01-pub", "-q", "1", "-t", $"devices/mqtt-01/commands/{command.Id()}/ack", "-m", """{"status": "succeeded"}"""]);
        await CommandsTests.WaitForAsync(_admin, command.Id(), "Succeeded");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string client, string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(client) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>A server started as <c>fieldlink serve --demo --mqtt-broker embedded:PORT</c> would be.</summary>
    public sealed class EmbeddedDemoServer : SqliteServer
    {
        public EmbeddedDemoServer()
        {
            BrokerPort = FieldlinkProcess.FreePort();
            With("Demo", "true").With("Mqtt:Broker", $"embedded:{BrokerPort}").With("Mqtt:DataDirectory", Path.GetDirectoryName(DatabasePath));
            this.ForMqtt();
        }

        public int BrokerPort { get; }
    }
}
