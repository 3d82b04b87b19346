using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Fieldlink.Bench.Commands;

/// <summary>
/// The raw baseline of a command's round trip: what the broker and the MQTT clients alone cost, with no Fieldlink in
/// between. A commander client publishes a command message (the same JSON Fieldlink sends) to a device's command
/// topic at QoS 1, open loop at the same rate; the same simulated devices answer it; the round trip ends when the ack
/// reaches the commander. Topics are under <c>raw-bench/</c>, so Fieldlink's instance on the same broker never sees them.
/// </summary>
public sealed class RawCommandRoundTrip : IAsyncDisposable
{
    private readonly IMqttClient _commander = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentDictionary<int, long> _acked = new();
    private SimulatedDevices? _devices;

    private RawCommandRoundTrip()
    {
    }

    public static async Task<RawCommandRoundTrip> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var raw = new RawCommandRoundTrip();
        raw._devices = await SimulatedDevices.ConnectAsync(port, "bench-raw-devices", "raw-bench/+/commands/+", cancellationToken);
        raw._commander.ApplicationMessageReceivedAsync += e =>
        {
            // raw-bench/{device}/commands/{n}/ack
            var parts = e.ApplicationMessage.Topic.Split('/');
            raw._acked.TryAdd(int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture), Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        };
        await raw._commander.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("bench-raw-commander").WithProtocolVersion(MqttProtocolVersion.V500).Build(),
            cancellationToken);
        await raw._commander.SubscribeAsync("raw-bench/+/commands/+/ack", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
        return raw;
    }

    /// <summary>Sends <paramref name="count"/> commands to <paramref name="devices"/> devices in turn at <paramref name="rate"/>/s and times each from its due time to its ack.</summary>
    public async Task<RoundTripFigures> RunAsync(string name, int count, int rate, int devices, CancellationToken cancellationToken)
    {
        _acked.Clear();
        var due = new long[count];
        var origin = Stopwatch.GetTimestamp();
        var (_, published) = await OpenLoop.RunAsync(count, rate, (i, dueAt) =>
        {
            due[i] = dueAt;
            var payload = JsonSerializer.SerializeToUtf8Bytes(new { commandId = Guid.NewGuid(), name = "Set Values", parameters = new { n = i } });
            var message = new MqttApplicationMessageBuilder()
                .WithTopic($"raw-bench/device-{i % devices}/commands/{i}")
                .WithPayload(payload)
                .WithContentType("application/json")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            return _commander.PublishAsync(message, cancellationToken);
        }, cancellationToken);

        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while (_acked.Count < count && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(20, cancellationToken);
        }

        var histogram = RoundTripFigures.NewHistogram();
        var last = origin;
        foreach (var (i, at) in _acked)
        {
            histogram.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(due[i], at).TotalMicroseconds));
            last = Math.Max(last, at);
        }

        var lost = count - _acked.Count;
        return RoundTripFigures.From(name, histogram, rate, published, Stopwatch.GetElapsedTime(origin, last), lost > 0 ? $"{lost} acks missing" : "");
    }

    public async ValueTask DisposeAsync()
    {
        if (_commander.IsConnected)
        {
            await _commander.DisconnectAsync();
        }

        _commander.Dispose();
        if (_devices is not null)
        {
            await _devices.DisposeAsync();
        }
    }
}
