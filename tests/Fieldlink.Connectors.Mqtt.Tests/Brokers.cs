using Fieldlink.Sdk;
using Fieldlink.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>Which broker a test runs against: a real Mosquitto process, or Fieldlink's embedded MQTTnet broker.</summary>
public enum BrokerKind
{
    Mosquitto,
    Embedded,
}

/// <summary>A running broker of either kind, and helpers to open connector instances and device clients on it.</summary>
public sealed class Broker : IAsyncDisposable
{
    private readonly Mosquitto? _mosquitto;
    private readonly string? _dataDirectory;
    private EmbeddedMqttBroker? _embedded;

    private Broker(int port, Mosquitto? mosquitto, EmbeddedMqttBroker? embedded, string? dataDirectory = null)
    {
        Port = port;
        _mosquitto = mosquitto;
        _embedded = embedded;
        _dataDirectory = dataDirectory;
    }

    public int Port { get; }

    public Mosquitto Mosquitto => _mosquitto ?? throw new InvalidOperationException("Not a Mosquitto broker.");

    public static async Task<Broker> StartAsync(BrokerKind kind)
    {
        if (kind == BrokerKind.Mosquitto)
        {
            var mosquitto = await Mosquitto.StartAsync();
            return new Broker(mosquitto.Port, mosquitto, null);
        }

        var port = FreePort();
        var dataDirectory = Directory.CreateTempSubdirectory("fieldlink-broker-").FullName;
        return new Broker(port, null, await StartEmbeddedAsync(port, dataDirectory), dataDirectory);
    }

    /// <summary>The embedded broker, which journals what it owes persistent sessions in its data directory.</summary>
    public EmbeddedMqttBroker Embedded => _embedded ?? throw new InvalidOperationException("Not the embedded broker.");

    /// <summary>Stops the broker and starts it again on the same port (and, embedded, the same data directory).</summary>
    public async Task RestartAsync()
    {
        if (_mosquitto is not null)
        {
            await _mosquitto.StopAsync();
            await _mosquitto.StartAgainAsync();
            return;
        }

        await Embedded.DisposeAsync();
        _embedded = await StartEmbeddedAsync(Port, _dataDirectory!);
    }

    /// <summary>Settings for this broker; MQTTnet's broker offers no shared subscriptions, so they are off there.</summary>
    public MqttSettings Settings(Action<MqttSettings>? change = null)
    {
        var settings = new MqttSettings
        {
            Host = "127.0.0.1",
            Port = Port,
            ReconnectMinDelayMilliseconds = 50,
            ReconnectMaxDelayMilliseconds = 1000,
            SharedSubscriptionGroup = _embedded is null ? null : "",
        };
        change?.Invoke(settings);
        return settings;
    }

    /// <summary>Opens and starts a connector instance, as Fieldlink would for a provider instance.</summary>
    public static async Task<MqttInstance> OpenAsync(MqttSettings settings, IConnectorSink sink, Guid? instanceId = null, string node = "test")
    {
        var connector = new MqttConnector(Options.Create(new MqttOptions { Node = node }));
        var context = new ConnectorContext(instanceId ?? Guid.NewGuid(), "MQTT test", null, settings, sink, FileLogger.Factory, TimeProvider.System);
        var instance = (MqttInstance)connector.Open(context);
        await instance.StartAsync(CancellationToken.None);
        return instance;
    }

    /// <summary>A device: an MQTT client of its own, with a persistent session when <paramref name="clientId"/> is given.</summary>
    public async Task<IMqttClient> DeviceAsync(string? clientId = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId ?? "device-" + Guid.NewGuid().ToString("N")[..8])
            .WithCleanStart(clientId is null)
            .WithSessionExpiryInterval(clientId is null ? 0u : 3600u)
            .Build();
        await client.ConnectAsync(options);
        return client;
    }

    public static Task<MqttClientPublishResult> PublishAsync(IMqttClient device, string topic, string payload, bool retain = false) =>
        device.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build());

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
            Directory.Delete(_dataDirectory!, recursive: true);
        }
    }

    private static async Task<EmbeddedMqttBroker> StartEmbeddedAsync(int port, string dataDirectory)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var embedded = new EmbeddedMqttBroker(
                Options.Create(new MqttOptions { Broker = $"embedded:{port}", DataDirectory = dataDirectory }), NullLogger<EmbeddedMqttBroker>.Instance);
            try
            {
                await embedded.StartAsync(CancellationToken.None);
                return embedded;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline)
            {
                // The port of the broker just stopped may not be free again at once.
                await embedded.DisposeAsync();
                await Task.Delay(200);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
