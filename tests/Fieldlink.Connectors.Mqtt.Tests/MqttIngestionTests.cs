using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>What devices publish reaches the sink, on a real Mosquitto and on the embedded broker.</summary>
public sealed class MqttIngestionTests
{
    [Theory]
    [InlineData(BrokerKind.Mosquitto)]
    [InlineData(BrokerKind.Embedded)]
    public async Task Telemetry_alerts_reported_properties_and_status_reach_the_sink(BrokerKind kind)
    {
        await using var broker = await Broker.StartAsync(kind);
        var sink = new RecordingSink();
        await using var instance = await Broker.OpenAsync(broker.Settings(), sink);
        Assert.True(instance.IsConnected);
        using var device = await broker.DeviceAsync();

        await Broker.PublishAsync(device, "devices/pump-1/telemetry", """{"ts": "2026-11-29T10:00:00Z", "temperature": 21.5, "pressure": 3}""");
        await Broker.PublishAsync(device, "devices/pump-1/alerts", """{"alertType": "Anomaly", "description": "Pressure drop", "token": "evt-1", "data": {"bar": 0.4}}""");
        await Broker.PublishAsync(device, "devices/pump-1/reported", """{"firmware": "1.2.0", "temperature": 21.5}""", retain: true);
        await Broker.PublishAsync(device, "devices/pump-1/status", "online", retain: true);
        await sink.WaitForAsync(s => s.Telemetry.Count == 1 && s.Alerts.Count == 1 && s.States.Count == 2, "one reading, one alert and two state updates");

        var reading = Assert.Single(sink.Telemetry);
        Assert.Equal("pump-1", reading.DeviceId);
        Assert.Equal(DateTimeOffset.Parse("2026-11-29T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), reading.Timestamp);
        Assert.Equal(21.5, reading.Values["temperature"]);
        Assert.Equal(3, reading.Values["pressure"]);
        var alert = Assert.Single(sink.Alerts);
        Assert.Equal(("pump-1", "Pressure drop", AlertType.Anomaly, "evt-1"), (alert.DeviceId, alert.Description, alert.AlertType, alert.Token));
        Assert.Equal(0.4, (double)alert.Data!["bar"]!);
        Assert.Contains(sink.States, s => s.ReportedProperties?["firmware"]?.GetValue<string>() == "1.2.0");
        Assert.Contains(sink.States, s => s.ConnectionState == ConnectionState.Connected);
        Assert.Empty(sink.DeadLetters);

        // A pull answers what the device last published.
        var pulled = Assert.Single(await instance.PullDeviceDataAsync([new DeviceRef(Guid.NewGuid(), "pump-1", "Pump 1", null, false)], CancellationToken.None));
        Assert.Equal(ConnectionState.Connected, pulled.ConnectionState);
        Assert.Equal("1.2.0", (string)pulled.ReportedProperties!["firmware"]!);
        var unknown = Assert.Single(await instance.PullDeviceDataAsync([new DeviceRef(Guid.NewGuid(), "pump-9", "Pump 9", null, false)], CancellationToken.None));
        Assert.Equal(DeviceDataStatus.NotFound, unknown.Status);

        await Broker.PublishAsync(device, "devices/pump-1/status", "offline", retain: true);
        await sink.WaitForAsync(s => s.States.Any(x => x.ConnectionState == ConnectionState.Disconnected), "the device going offline");

        // Clearing the retained status (an empty payload) is no state and no dead letter.
        await Broker.PublishAsync(device, "devices/pump-1/status", "", retain: true);
        await Broker.PublishAsync(device, "devices/pump-1/telemetry", """{"temperature": 22}""");
        await sink.WaitForAsync(s => s.Telemetry.Count == 2, "the reading after the cleared status");
        Assert.Equal(3, sink.States.Count);
        Assert.Empty(sink.DeadLetters);
    }

    [Theory]
    [InlineData(BrokerKind.Mosquitto)]
    [InlineData(BrokerKind.Embedded)]
    public async Task Malformed_payloads_become_dead_letters_and_the_connector_goes_on(BrokerKind kind)
    {
        await using var broker = await Broker.StartAsync(kind);
        var sink = new RecordingSink();
        await using var instance = await Broker.OpenAsync(broker.Settings(), sink);
        using var device = await broker.DeviceAsync();

        await Broker.PublishAsync(device, "devices/pump-1/telemetry", "{not json");
        await Broker.PublishAsync(device, "devices/pump-1/telemetry", """{"temperature": "hot"}""");
        await Broker.PublishAsync(device, "devices/pump-1/alerts", """{"alertType": "Disaster", "description": "x"}""");
        await Broker.PublishAsync(device, "devices/pump-1/status", "sleepy");
        await Broker.PublishAsync(device, "devices/pump-1/commands/not-a-guid/ack", """{"status": "succeeded"}""");
        await Broker.PublishAsync(device, "devices/pump-1/commands/" + Guid.NewGuid() + "/ack", """{"status": "maybe"}""");
        await Broker.PublishAsync(device, "devices/pump-1/telemetry", """{"temperature": 20}""");
        await sink.WaitForAsync(s => s.DeadLetters.Count == 6 && s.Telemetry.Count == 1, "six dead letters and the good reading after them");

        var letters = sink.DeadLetters;
        Assert.All(letters, d => Assert.Equal("pump-1", d.DeviceId));
        Assert.Contains(letters, d => d.Payload == "{not json" && d.Reason.Contains("not valid JSON", StringComparison.Ordinal) && d.Source == "devices/pump-1/telemetry");
        Assert.Contains(letters, d => d.Reason.StartsWith("temperature:", StringComparison.Ordinal));
        Assert.Contains(letters, d => d.Reason.StartsWith("alertType:", StringComparison.Ordinal));
        Assert.Contains(letters, d => d.Source == "devices/pump-1/status");
        Assert.Contains(letters, d => d.Reason.Contains("not-a-guid", StringComparison.Ordinal));
        Assert.Contains(letters, d => d.Reason.StartsWith("status:", StringComparison.Ordinal));
        Assert.Equal(20, Assert.Single(sink.Telemetry).Values["temperature"]);
    }

    [Fact]
    public async Task Many_messages_are_stored_in_batches_and_none_is_lost()
    {
        await using var broker = await Broker.StartAsync(BrokerKind.Mosquitto);
        var sink = new RecordingSink { HoldTelemetry = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var instance = await Broker.OpenAsync(broker.Settings(), sink);
        using var device = await broker.DeviceAsync();

        // The store holds the first write while the rest arrive, so they wait together for the next one.
        const int count = 300;
        for (var i = 0; i < count; i++)
        {
            await Broker.PublishAsync(device, "devices/pump-1/telemetry", $$"""{"seq": {{i}}}""");
        }

        sink.HoldTelemetry.SetResult();
        await sink.WaitForAsync(s => s.Telemetry.Count == count, $"{count} readings");
        Assert.Equal(Enumerable.Range(0, count), sink.Telemetry.Select(t => (int)t.Values["seq"]).Order());
        Assert.Contains(sink.TelemetryBatchSizes, size => size > 1);
    }
}
