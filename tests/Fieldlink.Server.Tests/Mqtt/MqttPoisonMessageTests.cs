using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Connectors.Mqtt;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fieldlink.Server.Tests.Mqtt;

/// <summary>
/// Issue 9's poison-message test: among good messages of several devices, an alert with <c>alertTime</c> 0001-01-01,
/// one with a NUL character, telemetry with <c>ts</c> in Unix seconds and an ack for a command no one sent each become
/// a dead letter with its reason; every good message, before and after them, is stored promptly, and the instance
/// keeps going. On Mosquitto and on the embedded broker, on both databases.
/// </summary>
public abstract class MqttPoisonMessageTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Poison_messages_are_dead_letters_with_their_reasons_and_every_good_message_is_stored(bool embedded)
    {
        await using var broker = await TestBroker.StartAsync(embedded);
        var (instance, devices) = await MqttFixture.InstanceAsync(_admin, broker.Port, "pump-a", "pump-b");
        await MqttFixture.ConnectedAsync(server, instance);
        using var device = await broker.DeviceAsync();

        await PublishAsync(device, "devices/pump-a/alerts", """{"description": "Before", "token": "good-1"}""");
        await PublishAsync(device, "devices/pump-b/telemetry", """{"temperature": 20}""");
        await PublishAsync(device, "devices/pump-a/alerts", """{"description": "Year one", "alertTime": "0001-01-01T00:00:00Z", "token": "bad-1"}""");
        await PublishAsync(device, "devices/pump-b/alerts", """{"description": "NUL \u0000 inside", "token": "bad-2"}""");
        await PublishAsync(device, "devices/pump-a/telemetry", """{"ts": 1764412800, "temperature": 1}""");
        await PublishAsync(device, $"devices/pump-a/commands/{Guid.NewGuid()}/ack", """{"status": "succeeded"}""");
        await PublishAsync(device, "devices/pump-b/alerts", """{"description": "After", "token": "good-2"}""");
        await PublishAsync(device, "devices/pump-a/telemetry", """{"temperature": 22}""");

        var letters = await MqttFixture.PollAsync(_admin, $"/api/v1/deadLetters?$filter=providerInstanceId eq {instance}&$count=true",
            d => (int)d["@odata.count"]! >= 4, "four dead letters");
        var reasons = letters["value"]!.AsArray().Select(l => (string)l!["reason"]!).ToList();
        Assert.Equal(4, reasons.Count);
        Assert.Contains(reasons, r => r.Contains("alertTime", StringComparison.Ordinal) && r.Contains("2000-01-01", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("description", StringComparison.Ordinal) && r.Contains("NUL", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("Unix milliseconds", StringComparison.Ordinal) && r.Contains("Unix seconds", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("No command with id", StringComparison.Ordinal));

        await AlertTokensAsync(instance, ["good-1", "good-2"]);
        await MqttFixture.PollAsync(_admin, $"/api/v1/devices/{devices["pump-a"]}/readings?interval=PT1H&measures=temperature",
            r => MqttFixture.ReadingCount(r, "temperature") == 1, "pump-a's good reading");
        await MqttFixture.PollAsync(_admin, $"/api/v1/devices/{devices["pump-b"]}/readings?interval=PT1H&measures=temperature",
            r => MqttFixture.ReadingCount(r, "temperature") == 1, "pump-b's good reading");

        // The instance keeps going.
        await PublishAsync(device, "devices/pump-a/alerts", """{"description": "Later", "token": "good-3"}""");
        await AlertTokensAsync(instance, ["good-1", "good-2", "good-3"]);
    }

    private async Task AlertTokensAsync(Guid instance, string[] tokens)
    {
        var alerts = await MqttFixture.PollAsync(_admin, $"/api/v1/alerts?$filter=providerInstanceId eq {instance}&$orderby=token",
            a => a["value"]!.AsArray().Count >= tokens.Length, $"the alerts {string.Join(", ", tokens)}");
        Assert.Equal(tokens, alerts["value"]!.AsArray().Select(a => (string)a!["token"]!));
    }

    private static async Task PublishAsync(IMqttClient device, string topic, string payload)
    {
        var published = await device.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.True(published.IsSuccess, $"{topic}: {published.ReasonCode}");
    }

    /// <summary>A Mosquitto process, or Fieldlink's embedded broker with a data directory of its own.</summary>
    private sealed class TestBroker : IAsyncDisposable
    {
        private readonly Mosquitto? _mosquitto;
        private readonly EmbeddedMqttBroker? _embedded;
        private readonly TempDirectory? _data;

        private TestBroker(int port, Mosquitto? mosquitto, EmbeddedMqttBroker? embedded, TempDirectory? data)
        {
            Port = port;
            _mosquitto = mosquitto;
            _embedded = embedded;
            _data = data;
        }

        public int Port { get; }

        public static async Task<TestBroker> StartAsync(bool embedded)
        {
            if (!embedded)
            {
                var mosquitto = await Mosquitto.StartAsync();
                return new TestBroker(mosquitto.Port, mosquitto, null, null);
            }

            var port = FieldlinkProcess.FreePort();
            var data = new TempDirectory();
            var broker = new EmbeddedMqttBroker(Options.Create(new MqttOptions { Broker = $"embedded:{port}", DataDirectory = data.Path }), NullLogger<EmbeddedMqttBroker>.Instance);
            await broker.StartAsync(CancellationToken.None);
            return new TestBroker(port, null, broker, data);
        }

        public async Task<IMqttClient> DeviceAsync()
        {
            var client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", Port)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
                .WithClientId("device-" + Guid.NewGuid().ToString("N")[..8])
                .Build());
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            if (_mosquitto is not null)
            {
                await _mosquitto.DisposeAsync();
            }

            if (_embedded is not null)
            {
                await _embedded.StopAsync(CancellationToken.None);
                await _embedded.DisposeAsync();
            }

            _data?.Dispose();
        }
    }
}

/// <summary>A server for MQTT tests: instances open within a second.</summary>
public sealed class MqttServer<T> : IAsyncLifetime
    where T : FieldlinkServer, new()
{
    public T Server { get; } = new T().ForMqtt();

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)Server).DisposeAsync();
}

public sealed class MqttPoisonMessageOnSqliteTests(MqttServer<SqliteServer> fixture) : MqttPoisonMessageTests(fixture.Server), IClassFixture<MqttServer<SqliteServer>>;

public sealed class MqttPoisonMessageOnPostgresTests(MqttServer<PostgresServer> fixture) : MqttPoisonMessageTests(fixture.Server), IClassFixture<MqttServer<PostgresServer>>;
