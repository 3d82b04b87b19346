using MQTTnet;
using System.Collections.Concurrent;
using MQTTnet.Protocol;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>
/// Issue 15: a persistent session away gets everything published meanwhile, once each, however many: beyond MQTTnet's
/// own queue of 250, beyond the broker's queue limit (what a full queue refuses is owed again), without a new
/// subscription to fetch it.
/// </summary>
public sealed class EmbeddedBrokerBacklogTests
{
    [Fact]
    public async Task A_persistent_session_away_gets_every_message_published_meanwhile_beyond_MQTTnets_queue_of_250()
    {
        await using var broker = await Broker.StartAsync(BrokerKind.Embedded);
        await JournaledBroker.SubscribeAndLeaveAsync(broker.Port, "backlog-1", expirySeconds: 3600);
        await JournaledBroker.PublishAsync(broker.Port, 300);

        var received = new ConcurrentDictionary<string, int>();
        using var back = await JournaledBroker.ConnectCountingAsync(broker.Port, "backlog-1", 3600, received);
        await JournaledBroker.WaitUntilAsync(() => received.Count >= 300);

        Assert.Equal(300, received.Count);
    }

    [Fact]
    public async Task Messages_refused_by_a_full_queue_are_owed_again_and_sent_at_the_next_subscription()
    {
        using var scratch = new JournaledBroker();
        await using var broker = await scratch.StartAsync(TimeProvider.System, maxQueued: 10);
        await scratch.SubscribeAndLeaveAsync("backlog-2", expirySeconds: 3600);
        await scratch.PublishAsync(15);

        var received = new ConcurrentDictionary<string, int>();
        using var back = await scratch.ConnectCountingAsync("backlog-2", 3600, received);
        await JournaledBroker.WaitUntilAsync(() => received.Count >= 10);

        // The queue has room again: the subscription hands over the five it refused.
        await back.SubscribeAsync("sessions/#", MqttQualityOfServiceLevel.AtLeastOnce);
        await JournaledBroker.WaitUntilAsync(() => received.Count >= 15);

        Assert.Equal(15, received.Count);

        // MQTTnet's drop-oldest kept what it dropped among the unacknowledged, sent again at the reconnection.
        Assert.All(received, r => Assert.Equal(1, r.Value));
        await JournaledBroker.WaitUntilAsync(() => broker.PendingMessages == 0);
        Assert.Equal(0, broker.PendingMessages);
    }

    [Fact]
    public async Task A_backlog_bigger_than_the_queue_follows_as_acknowledgements_make_room_without_a_new_subscription()
    {
        using var scratch = new JournaledBroker();
        await using var broker = await scratch.StartAsync(TimeProvider.System, maxQueued: 10);
        await scratch.SubscribeAndLeaveAsync("backlog-3", expirySeconds: 3600);
        await scratch.PublishAsync(35);

        // Back on its session, it never subscribes again: the 25 the queue refused come in passes as it acknowledges.
        var received = new ConcurrentDictionary<string, int>();
        using var back = await scratch.ConnectCountingAsync("backlog-3", 3600, received);
        await JournaledBroker.WaitUntilAsync(() => received.Count >= 35);

        Assert.Equal(35, received.Count);
        await JournaledBroker.WaitUntilAsync(() => broker.PendingMessages == 0);
        Assert.Equal(0, broker.PendingMessages);
    }

    [Fact]
    public async Task Messages_sent_and_unacknowledged_beyond_the_queue_limit_are_not_lost_when_the_session_reconnects()
    {
        using var scratch = new JournaledBroker();
        var log = new RecordingLogger<EmbeddedMqttBroker>();
        await using var broker = await scratch.StartAsync(TimeProvider.System, maxQueued: 10, logger: log);

        // A consumer takes what it is sent and acknowledges none of it (stalled, or gone before storing it).
        using (var stalled = new MqttClientFactory().CreateMqttClient())
        {
            stalled.ApplicationMessageReceivedAsync += e =>
            {
                e.AutoAcknowledge = false;
                return Task.CompletedTask;
            };
            await stalled.ConnectAsync(JournaledBroker.Options(scratch.Port, "backlog-4", 3600));
            await stalled.SubscribeAsync("sessions/#", MqttQualityOfServiceLevel.AtLeastOnce);
            await scratch.PublishAsync(20);
            await stalled.DisconnectAsync();
        }

        // Back on its session, MQTTnet queues again what it sent and was not acknowledged, up to its limit of 10, and
        // drops the rest without a word: the journal must still owe those, and send them as acknowledgements make room.
        var received = new ConcurrentDictionary<string, int>();
        using var back = await scratch.ConnectCountingAsync("backlog-4", 3600, received);
        await JournaledBroker.WaitUntilAsync(() => received.Count >= 20);

        Assert.Equal(20, received.Count);
        await JournaledBroker.WaitUntilAsync(() => broker.PendingMessages == 0);
        Assert.Equal(0, broker.PendingMessages);
        Assert.Contains(MqttEventIds.BrokerQueueOverflowed, log.EventIds);
    }
}
