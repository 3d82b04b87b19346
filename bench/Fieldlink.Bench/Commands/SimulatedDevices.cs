using System.Collections.Concurrent;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Fieldlink.Bench.Commands;

/// <summary>
/// Every device of a run as one MQTT client: it subscribes to the command topics and answers each command with a
/// Succeeded ack at once, on the command's topic with <c>/ack</c> appended, QoS 1. The ack is published without holding
/// up the receive loop, as a device's firmware would, so the broker never queues commands for it.
/// </summary>
public sealed class SimulatedDevices : IAsyncDisposable
{
    private static readonly byte[] Succeeded = """{"status": "succeeded"}"""u8.ToArray();
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentDictionary<Guid, long> _received = new();

    private SimulatedDevices()
    {
    }

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/> and subscribes to <paramref name="commandTopics"/>.</summary>
    public static async Task<SimulatedDevices> ConnectAsync(int port, string clientId, string commandTopics, CancellationToken cancellationToken)
    {
        var devices = new SimulatedDevices();
        var client = devices._client;
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (Guid.TryParse(e.ApplicationMessage.Topic.AsSpan(e.ApplicationMessage.Topic.LastIndexOf('/') + 1), out var commandId))
            {
                devices._received[commandId] = Stopwatch.GetTimestamp();
            }

            var ack = new MqttApplicationMessageBuilder()
                .WithTopic(e.ApplicationMessage.Topic + "/ack")
                .WithPayload(Succeeded)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            _ = client.PublishAsync(ack, CancellationToken.None).ContinueWith(
                t => Console.Error.WriteLine($"The simulated device's ack failed: {t.Exception?.GetBaseException().Message}"),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
            return Task.CompletedTask;
        };
        await client.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).WithProtocolVersion(MqttProtocolVersion.V500).Build(),
            cancellationToken);
        await client.SubscribeAsync(commandTopics, MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
        return devices;
    }

    /// <summary>
    /// When a device received the command whose id ends its topic (Fieldlink's command topics do), as a
    /// <see cref="Stopwatch"/> timestamp: it splits a round trip into Fieldlink's way out (queued, dispatched,
    /// published) and its way back (the ack received, stored Succeeded). The ack is published at that moment.
    /// </summary>
    public bool TryGetReceived(Guid commandId, out long timestamp) => _received.TryGetValue(commandId, out timestamp);

    /// <summary>Forgets the commands received so far (between runs).</summary>
    public void ForgetReceived() => _received.Clear();

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
