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

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
