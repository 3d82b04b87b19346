using MQTTnet;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>Nothing published at QoS 1 is lost: not while Fieldlink is away, not while the store fails, not across a broker restart.</summary>
public sealed class MqttRobustnessTests
{
    [Fact]
    public async Task Messages_published_while_Fieldlink_was_down_arrive_when_it_is_back()
    {
        await using var broker = await Broker.StartAsync(BrokerKind.Mosquitto);
        var settings = broker.Settings();
        var instanceId = Guid.NewGuid();
        await (await Broker.OpenAsync(settings, new RecordingSink(), instanceId)).DisposeAsync();

        using var device = await broker.DeviceAsync();
        for (var i = 0; i < 50; i++)
        {
            await Broker.PublishAsync(device, "devices/pump-1/telemetry", $$"""{"seq": {{i}}}""");
        }

        var sink = new RecordingSink();
        await using var back = await Broker.OpenAsync(settings, sink, instanceId);
        await sink.WaitForAsync(s => s.Telemetry.Count >= 50, "the 50 readings published meanwhile");
        Assert.Equal(Enumerable.Range(0, 50), sink.Telemetry.Select(t => (int)t.Values["seq"]).Distinct().Order());
    }

    [Fact]
    public async Task A_message_is_acknowledged_only_once_stored_so_one_not_stored_comes_again()
    {
        await using var broker = await Broker.StartAsync(BrokerKind.Mosquitto);
        var settings = broker.Settings();
        var instanceId = Guid.NewGuid();

        // The store never answers this instance: it goes away with the message received but not stored.
        var stuck = new RecordingSink { HoldTelemetry = new TaskCompletionSource() };
        var first = await Broker.OpenAsync(settings, stuck, instanceId);
        using var device = await broker.DeviceAsync();
        await Broker.PublishAsync(device, "devices/pump-1/telemetry", """{"temperature": 30}""");
        await Task.Delay(500);
        await first.DisposeAsync();
        Assert.Empty(stuck.Telemetry);

        var sink = new RecordingSink();
        await using var back = await Broker.OpenAsync(settings, sink, instanceId);
        await sink.WaitForAsync(s => s.Telemetry.Count == 1, "the unacknowledged reading again");
        Assert.Equal(30, sink.Telemetry[0].Values["temperature"]);
    }

    [Fact]
    public async Task A_store_that_fails_is_tried_again_and_nothing_is_lost()
    {
        await using var broker = await Broker.StartAsync(BrokerKind.Mosquitto);
        var sink = new RecordingSink { FailNextTelemetry = 3 };
        await using var instance = await Broker.OpenAsync(broker.Settings(), sink);
        using var device = await broker.DeviceAsync();

        await Broker.PublishAsync(device, "devices/pump-1/telemetry", """{"temperature": 30}""");
        await sink.WaitForAsync(s => s.Telemetry.Count == 1, "the reading after three failed writes");
        Assert.Equal(0, sink.FailNextTelemetry);
    }

    [Fact]
    public async Task A_broker_restart_mid_stream_loses_nothing()
    {
        // Unshared: Mosquitto persists this subscription with the session, so what the device publishes after the
        // restart, before the connector is back, is queued for it rather than dropped.
        await using var broker = await Broker.StartAsync(BrokerKind.Mosquitto);
        var sink = new RecordingSink();
        await using var instance = await Broker.OpenAsync(broker.Settings(s => s.SharedSubscriptionGroup = ""), sink);
        await PublishAcrossARestartAsync(broker, sink, untilRouted: false);
    }

    [Fact]
    public async Task A_broker_restart_forgets_a_shared_subscription_so_the_connector_subscribes_again_on_a_present_session()
    {
        // Mosquitto does not persist shared subscriptions: after a restart the session is present but the $share
        // subscription is gone, and a reading published before the connector subscribes again has no subscriber
        // (the device gets PUBACK 0x10, no matching subscribers). The device publishes each reading until the broker
        // routed it, so the test says whether the connector subscribed again, not which of the two won the race.
        await using var broker = await Broker.StartAsync(BrokerKind.Mosquitto);
        var sink = new RecordingSink();
        await using var instance = await Broker.OpenAsync(broker.Settings(), sink);
        Assert.NotNull(instance.SharedGroup);
        await PublishAcrossARestartAsync(broker, sink, untilRouted: true);
    }

    /// <summary>A device publishes 200 readings at QoS 1, the broker restarting at the 100th, and all 200 are stored.</summary>
    private static async Task PublishAcrossARestartAsync(Broker broker, RecordingSink sink, bool untilRouted)
    {
        var device = await broker.DeviceAsync("restart-device");
        const int count = 200;
        var unrouted = 0;
        try
        {
            for (var i = 0; i < count; i++)
            {
                if (i == count / 2)
                {
                    await broker.Mosquitto.StopAsync();
                    await broker.Mosquitto.StartAgainAsync();
                }

                // The device publishes each reading until the broker took it, reconnecting as a device would.
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (true)
                {
                    try
                    {
                        if (!device.IsConnected)
                        {
                            device.Dispose();
                            device = await broker.DeviceAsync("restart-device");
                        }

                        var result = await Broker.PublishAsync(device, "devices/pump-1/telemetry", $$"""{"seq": {{i}}}""");
                        if (result.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers)
                        {
                            unrouted++;
                            Assert.True(untilRouted, $"The broker had no subscriber for reading {i}, so it dropped it.");
                            Assert.True(DateTime.UtcNow < deadline, $"The broker had no subscriber for reading {i} for 30 s: the connector did not subscribe again.");
                            await Task.Delay(20);
                            continue;
                        }

                        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
                        break;
                    }
                    catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException)
                    {
                        await Task.Delay(100);
                    }
                }
            }
        }
        finally
        {
            device.Dispose();
        }

        try
        {
            await sink.WaitForAsync(s => s.Telemetry.Select(t => t.Values["seq"]).Distinct().Count() == count, $"all {count} readings");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var missing = Enumerable.Range(0, count).Except(sink.Telemetry.Select(t => (int)t.Values["seq"]));
            throw new InvalidOperationException($"{ex.Message}; missing: {string.Join(", ", missing)}; unrouted answers: {unrouted}. Broker log:\n{broker.Mosquitto.Log}", ex);
        }

        Assert.Equal(Enumerable.Range(0, count), sink.Telemetry.Select(t => (int)t.Values["seq"]).Distinct().Order());
    }

    [Fact]
    public async Task Two_processes_on_a_shared_subscription_split_the_stream_and_store_each_message_once()
    {
        await using var broker = await Broker.StartAsync(BrokerKind.Mosquitto);
        var settings = broker.Settings();
        var instanceId = Guid.NewGuid();
        var (sinkA, sinkB) = (new RecordingSink(), new RecordingSink());
        await using var a = await Broker.OpenAsync(settings, sinkA, instanceId, node: "a");
        await using var b = await Broker.OpenAsync(settings, sinkB, instanceId, node: "b");
        Assert.NotEqual(a.ClientId, b.ClientId);
        Assert.Equal(a.SharedGroup, b.SharedGroup);
        Assert.NotNull(a.SharedGroup);
        using var device = await broker.DeviceAsync();

        const int count = 100;
        for (var i = 0; i < count; i++)
        {
            await Broker.PublishAsync(device, "devices/pump-1/telemetry", $$"""{"seq": {{i}}}""");
        }

        await sinkA.WaitForAsync(_ => sinkA.Telemetry.Count + sinkB.Telemetry.Count >= count, $"{count} readings between the two");
        var all = sinkA.Telemetry.Concat(sinkB.Telemetry).Select(t => (int)t.Values["seq"]).ToList();
        Assert.Equal(Enumerable.Range(0, count), all.Order());
        Assert.NotEmpty(sinkA.Telemetry);
        Assert.NotEmpty(sinkB.Telemetry);
    }
}
