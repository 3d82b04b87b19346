using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Fieldlink.Server.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace Fieldlink.Server.Tests.Crash;

/// <summary>
/// MQTT devices on the broker, played by one client that outlives every Fieldlink process: they publish alerts and
/// telemetry at QoS 1 (acknowledged when the broker answers the PUBACK with success), and take every command, count
/// it by the id in its topic, and answer it <c>succeeded</c> on the command's <c>/ack</c> topic.
/// </summary>
public sealed class DeviceFleet : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly Ledger _ledger;
    private readonly ConcurrentDictionary<Guid, int> _commands = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly Channel<string> _acks = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _acking;

    private DeviceFleet(IMqttClient client, Ledger ledger)
    {
        _client = client;
        _ledger = ledger;
        _client.ApplicationMessageReceivedAsync += OnCommandAsync;

        // Answered apart from the receiving handler, which must not wait on the broker's PUBACK it is the reader of.
        _acking = Task.Run(AnswerAsync);
    }

    /// <summary>How often the devices received each command, by the id in its topic.</summary>
    public IReadOnlyDictionary<Guid, int> Commands => _commands;

    /// <summary>Commands that came with a body whose <c>commandId</c> is not the topic's.</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    public static async Task<DeviceFleet> ConnectAsync(int brokerPort, Ledger ledger)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var fleet = new DeviceFleet(client, ledger);
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", brokerPort)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId("crash-devices")
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .Build());
        await client.SubscribeAsync("devices/+/commands/+", MqttQualityOfServiceLevel.AtLeastOnce);
        return fleet;
    }

    /// <summary>Publishes probe alerts until Fieldlink has stored one, so it is subscribed and what follows reaches it.</summary>
    public async Task ProbeAsync(HttpClient admin, Guid instanceId, string deviceId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        for (var probe = 0; ; probe++)
        {
            // Not booked as acknowledged: the broker drops (and acknowledges) what it publishes before Fieldlink subscribed.
            var alert = new SentAlert(deviceId, $"probe {probe}", $"probe-{probe}");
            _ledger.Sent(alert);
            await PublishAsync($"devices/{deviceId}/alerts", new JsonObject { ["description"] = alert.Description, ["token"] = alert.Token });
            var found = await (await admin.GetAsync(new Uri($"/api/v1/alerts?$filter=providerInstanceId eq {instanceId}&$top=1", UriKind.Relative))).ReadObjectAsync(HttpStatusCode.OK);
            if (found["value"]!.AsArray().Count > 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "Fieldlink never stored an alert published over MQTT.");
            await Task.Delay(300);
        }
    }

    /// <summary>
    /// Publishes, until <paramref name="stop"/> or until the broker is gone (a broker inside the killed process),
    /// alerts (seven in ten with a token) and temperature readings, one second of the window apart per device, booking
    /// each in the ledger as sent and, on the broker's success, acknowledged.
    /// </summary>
    public async Task PublishAsync(IReadOnlyList<string> deviceIds, DateTimeOffset windowStart, int windowSeconds, Random random, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        ArgumentNullException.ThrowIfNull(random);
        var seconds = new int[deviceIds.Count];
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var device = random.Next(deviceIds.Count);
            var deviceId = deviceIds[device];
            try
            {
                if (random.NextDouble() < 0.3)
                {
                    var description = $"mqtt #{n}";
                    var alert = new SentAlert(deviceId, description, random.NextDouble() < 0.7 ? $"tok-mqtt-{n}" : null);
                    _ledger.Sent(alert);
                    if (await PublishAsync($"devices/{deviceId}/alerts", new JsonObject { ["description"] = description, ["token"] = alert.Token }))
                    {
                        _ledger.Acknowledged(alert, null);
                    }
                }
                else if (seconds[device] < windowSeconds)
                {
                    var reading = new SentReading(deviceId, seconds[device]++);
                    _ledger.Sent(reading);
                    var at = reading.At(windowStart).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                    if (await PublishAsync($"devices/{deviceId}/telemetry", new JsonObject { ["ts"] = at, ["temperature"] = reading.Second }))
                    {
                        _ledger.Acknowledged(reading);
                    }
                }
            }
            catch (MqttCommunicationException)
            {
                // The broker died with the process; what it did not acknowledge is not the store's to keep.
                return;
            }

            // A device's pace, not a flood: the test is about what a crash does, not about throughput.
            await Task.Delay(random.Next(0, 4), CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _acks.Writer.TryComplete();
        await _acking;
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }

    /// <summary>Publishes at QoS 1; true when the broker took the message for a subscriber.</summary>
    private async Task<bool> PublishAsync(string topic, JsonObject payload)
    {
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.ToJsonString())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        return result.ReasonCode == MqttClientPublishReasonCode.Success;
    }

    private Task OnCommandAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        var topicId = Guid.Parse(topic[(topic.LastIndexOf('/') + 1)..]);
        _commands.AddOrUpdate(topicId, 1, (_, count) => count + 1);
        var body = JsonNode.Parse(e.ApplicationMessage.Payload.ToArray());
        if ((string?)body?["commandId"] != topicId.ToString())
        {
            _problems.Enqueue($"command on {topic} carried the body {body?.ToJsonString()}");
        }

        _acks.Writer.TryWrite(topic + "/ack");
        return Task.CompletedTask;
    }

    private async Task AnswerAsync()
    {
        await foreach (var topic in _acks.Reader.ReadAllAsync())
        {
            try
            {
                await PublishAsync(topic, new JsonObject { ["status"] = "succeeded" });
            }
            catch (MqttCommunicationException)
            {
                // The broker died with the process; a command without its answer ends TimedOut, which the test reports.
            }
        }
    }
}
