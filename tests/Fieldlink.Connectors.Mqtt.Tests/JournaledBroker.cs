using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>
/// An embedded broker's port, journal directory and clock for tests that stop and start it over the same journal, with
/// the MQTT 5 clients they use: sessions that subscribe and leave, a publisher, and a client counting what it receives.
/// Disposing deletes the directory.
/// </summary>
internal sealed class JournaledBroker : IDisposable
{
    public int Port { get; } = Broker.FreePort();

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("fieldlink-broker-").FullName;

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private string JournalPath => Path.Combine(DataDirectory, "mqtt", "sessions.journal");

    /// <summary>Starts a broker on this port and journal, on <see cref="Clock"/> unless told otherwise.</summary>
    public async Task<EmbeddedMqttBroker> StartAsync(TimeProvider? clock = null, int maxQueued = 30_000, ILogger<EmbeddedMqttBroker>? logger = null)
    {
        var broker = new EmbeddedMqttBroker(
            Microsoft.Extensions.Options.Options.Create(new MqttOptions { Broker = $"embedded:{Port}", DataDirectory = DataDirectory, BrokerMaxQueuedMessages = maxQueued }),
            logger ?? NullLogger<EmbeddedMqttBroker>.Instance,
            clock ?? Clock);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await broker.StartAsync(CancellationToken.None);
                return broker;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline)
            {
                // The port of the broker just stopped may not be free again at once.
                await Task.Delay(200);
            }
        }
    }

    /// <summary>A persistent session that subscribes to <c>sessions/#</c> at QoS 1 and disconnects.</summary>
    public Task SubscribeAndLeaveAsync(string clientId, uint expirySeconds, bool? cleanStart = null) =>
        SubscribeAndLeaveAsync(Port, clientId, expirySeconds, cleanStart);

    /// <inheritdoc cref="SubscribeAndLeaveAsync(string, uint, bool?)"/>
    public static async Task SubscribeAndLeaveAsync(int port, string clientId, uint expirySeconds, bool? cleanStart = null)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options(port, clientId, expirySeconds, cleanStart));
        await client.SubscribeAsync("sessions/#", MqttQualityOfServiceLevel.AtLeastOnce);
        await client.DisconnectAsync();
    }

    /// <summary>A client of its own publishes <c>message 0</c> … to <c>sessions/0</c> …, each acknowledged.</summary>
    public Task PublishAsync(int count) => PublishAsync(Port, count);

    /// <inheritdoc cref="PublishAsync(int)"/>
    public static async Task PublishAsync(int port, int count)
    {
        using var publisher = new MqttClientFactory().CreateMqttClient();
        await publisher.ConnectAsync(Options(port, "publisher-" + Guid.NewGuid().ToString("N")[..8], 0));
        for (var i = 0; i < count; i++)
        {
            var published = await Broker.PublishAsync(publisher, $"sessions/{i}", $"message {i}");
            Assert.True(published.IsSuccess, published.ReasonString);
        }
    }

    /// <summary>Connects <paramref name="clientId"/>, counting each payload it receives in <paramref name="received"/>.</summary>
    public Task<IMqttClient> ConnectCountingAsync(string clientId, uint expirySeconds, ConcurrentDictionary<string, int> received) =>
        ConnectCountingAsync(Port, clientId, expirySeconds, received);

    /// <inheritdoc cref="ConnectCountingAsync(string, uint, ConcurrentDictionary{string, int})"/>
    public static async Task<IMqttClient> ConnectCountingAsync(int port, string clientId, uint expirySeconds, ConcurrentDictionary<string, int> received)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.AddOrUpdate(e.ApplicationMessage.ConvertPayloadToString(), 1, (_, n) => n + 1);
            return Task.CompletedTask;
        };
        await client.ConnectAsync(Options(port, clientId, expirySeconds));
        return client;
    }

    /// <summary>The journal's last <c>open</c> or <c>gone</c> line for a client, read while the broker writes it.</summary>
    public async Task<string> LastSessionLineAsync(string clientId)
    {
        var journal = await ReadJournalAsync();
        return journal.Split('\n').LastOrDefault(l => l.Contains($"\"{clientId}\"", StringComparison.Ordinal)
            && (l.Contains("\"open\"", StringComparison.Ordinal) || l.Contains("\"gone\"", StringComparison.Ordinal))) ?? "";
    }

    /// <summary>Writes the journal as a broker of an earlier version left it, before the broker starts.</summary>
    public async Task WriteJournalAsync(params string[] lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JournalPath)!);
        await File.WriteAllLinesAsync(JournalPath, lines);
    }

    public async Task<string> ReadJournalAsync()
    {
        await using var stream = new FileStream(JournalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    public static MqttClientOptions Options(int port, string clientId, uint expirySeconds, bool? cleanStart = null) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", port)
        .WithProtocolVersion(MqttProtocolVersion.V500)
        .WithClientId(clientId)
        .WithCleanStart(cleanStart ?? expirySeconds == 0)
        .WithSessionExpiryInterval(expirySeconds)
        .Build();

    public static async Task WaitUntilAsync(Func<bool> condition) => await WaitUntilAsync(() => Task.FromResult(condition()));

    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    public void Dispose() => Directory.Delete(DataDirectory, recursive: true);
}
