using MQTTnet;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>
/// Issue 9: no one message stops an instance's stream, only a store that is down holds it (and loses nothing), and the
/// embedded broker keeps what it acknowledged to a device across a restart.
/// </summary>
public sealed class MqttStreamTests
{
    [Theory]
    [InlineData(BrokerKind.Mosquitto)]
    [InlineData(BrokerKind.Embedded)]
    public async Task An_alert_the_sink_refuses_for_good_is_a_dead_letter_and_every_later_message_is_stored(BrokerKind kind)
    {
        await using var broker = await Broker.StartAsync(kind);
        var sink = new RecordingSink { RefuseAlerts = a => a.Description == "poison" };
        await using var instance = await Broker.OpenAsync(broker.Settings(), sink);
        using var device = await broker.DeviceAsync();

        await Broker.PublishAsync(device, "devices/pump-1/alerts", """{"description": "poison"}""");
        await sink.WaitForAsync(s => s.DeadLetters.Any(d => d.Payload.Contains("poison", StringComparison.Ordinal)), "the refused alert as a dead letter");
        for (var i = 0; i < 5; i++)
        {
            await Broker.PublishAsync(device, $"devices/pump-{i % 2}/alerts", $$"""{"description": "Good {{i}}"}""");
        }

        await sink.WaitForAsync(s => s.Alerts.Count == 5, "the five alerts after it");
        var letter = Assert.Single(sink.DeadLetters);
        Assert.Equal("devices/pump-1/alerts", letter.Source);
        Assert.Contains("refused the alerts of this message for good", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_that_is_down_holds_the_stream_and_loses_nothing_and_a_refusal_does_not()
    {
        await using var broker = await Broker.StartAsync(BrokerKind.Mosquitto);
        var sink = new RecordingSink { FailNextTelemetry = 4 };
        await using var instance = await Broker.OpenAsync(broker.Settings(), sink);
        using var device = await broker.DeviceAsync();

        for (var i = 0; i < 10; i++)
        {
            await Broker.PublishAsync(device, "devices/pump-1/telemetry", $$"""{"seq": {{i}}}""");
        }

        await sink.WaitForAsync(s => s.Telemetry.Select(t => t.Values["seq"]).Distinct().Count() == 10, "the ten readings after four failed writes");
        Assert.Equal(0, sink.FailNextTelemetry);
        Assert.Empty(sink.DeadLetters);
    }

    [Fact]
    public async Task Telemetry_with_ts_in_Unix_seconds_is_a_dead_letter_that_says_so()
    {
        await using var broker = await Broker.StartAsync(BrokerKind.Mosquitto);
        var sink = new RecordingSink();
        await using var instance = await Broker.OpenAsync(broker.Settings(), sink);
        using var device = await broker.DeviceAsync();

        await Broker.PublishAsync(device, "devices/pump-1/telemetry", """{"ts": 1764412800, "temperature": 20}""");
        await Broker.PublishAsync(device, "devices/pump-1/telemetry", """{"ts": 1764412800000, "temperature": 21}""");

        await sink.WaitForAsync(s => s.Telemetry.Count + s.DeadLetters.Count == 2, "both readings, stored or refused");
        var letter = Assert.Single(sink.DeadLetters);
        Assert.Contains("ts: must be Unix milliseconds (or an ISO 8601 time)", letter.Reason, StringComparison.Ordinal);
        Assert.Contains("looks like Unix seconds (2025-11-29T10:40:00Z)", letter.Reason, StringComparison.Ordinal);
        var stored = Assert.Single(sink.Telemetry);
        Assert.Equal((21.0, DateTimeOffset.FromUnixTimeMilliseconds(1764412800000)), (stored.Values["temperature"], stored.Timestamp));
    }

    [Fact]
    public async Task Messages_the_embedded_broker_acknowledged_to_a_device_survive_its_restart()
    {
        await using var broker = await Broker.StartAsync(BrokerKind.Embedded);
        var settings = broker.Settings();
        var instanceId = Guid.NewGuid();

        // Fieldlink's store hangs: the broker has the three alerts queued for Fieldlink, each acknowledged to the device.
        var stuck = new RecordingSink();
        stuck.HoldTelemetry = new TaskCompletionSource();
        var first = await Broker.OpenAsync(settings, stuck, instanceId);
        using (var device = await broker.DeviceAsync())
        {
            await Broker.PublishAsync(device, "devices/pump-1/telemetry", """{"seq": 0}""");
            for (var i = 1; i <= 3; i++)
            {
                var published = await Broker.PublishAsync(device, "devices/pump-1/alerts", $$"""{"description": "Queued {{i}}"}""");
                Assert.True(published.IsSuccess, published.ReasonString);
            }
        }

        Assert.True(broker.Embedded.PendingMessages >= 3, $"{broker.Embedded.PendingMessages} messages journaled");
        await first.DisposeAsync();
        await broker.RestartAsync();

        // Published after the restart, before Fieldlink is back: owed to its session all the same.
        using (var device = await broker.DeviceAsync())
        {
            await Broker.PublishAsync(device, "devices/pump-2/alerts", """{"description": "While away"}""");
        }

        var sink = new RecordingSink();
        await using var back = await Broker.OpenAsync(settings, sink, instanceId);
        await sink.WaitForAsync(s => s.Alerts.Select(a => a.Description).Distinct().Count() == 4 && s.Telemetry.Count >= 1, "the queued alerts, the reading and the one sent while away");
        Assert.Equal(["Queued 1", "Queued 2", "Queued 3", "While away"], sink.Alerts.Select(a => a.Description).Distinct().Order());

        // Once stored and acknowledged, the journal owes nothing more.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (broker.Embedded.PendingMessages > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, broker.Embedded.PendingMessages);
    }
}
