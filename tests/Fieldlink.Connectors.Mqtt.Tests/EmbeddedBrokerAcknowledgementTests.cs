using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>
/// Issue 15, review of session 17, gap 1: an acknowledgement marks done the journal entry of the very packet it
/// acknowledges, by its sequence number, not the first entry with the same topic and payload.
/// </summary>
public sealed class EmbeddedBrokerAcknowledgementTests
{
    [Fact]
    public async Task An_acknowledgement_marks_done_the_message_it_acknowledges_not_an_identical_one_before_it()
    {
        using var scratch = new JournaledBroker();
        await using (var before = await scratch.StartAsync())
        {
            var received = new ConcurrentQueue<MqttApplicationMessageReceivedEventArgs>();
            using var session = new MqttClientFactory().CreateMqttClient();
            session.ApplicationMessageReceivedAsync += e =>
            {
                e.AutoAcknowledge = false;
                received.Enqueue(e);
                return Task.CompletedTask;
            };
            await session.ConnectAsync(JournaledBroker.Options(scratch.Port, "same-twice", 3600));
            await session.SubscribeAsync("sessions/#", MqttQualityOfServiceLevel.AtLeastOnce);

            // The same topic and payload twice; only their content type tells them apart.
            using var publisher = new MqttClientFactory().CreateMqttClient();
            await publisher.ConnectAsync(JournaledBroker.Options(scratch.Port, "same-publisher", 0));
            foreach (var contentType in new[] { "first", "second" })
            {
                var message = new MqttApplicationMessageBuilder().WithTopic("sessions/same").WithPayload("same").WithContentType(contentType)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
                Assert.True((await publisher.PublishAsync(message)).IsSuccess);
            }

            // A consumer that stored the second first acknowledges it alone, and goes away.
            await JournaledBroker.WaitUntilAsync(() => received.Count == 2);
            var second = received.Single(e => e.ApplicationMessage.ContentType == "second");
            await second.AcknowledgeAsync(CancellationToken.None);
            await JournaledBroker.WaitUntilAsync(() => before.PendingMessages == 1);
            Assert.Equal(1, before.PendingMessages);
            await session.DisconnectAsync();
        }

        // After a restart the session is owed the one it did not acknowledge.
        await using var broker = await scratch.StartAsync();
        var contentTypes = new ConcurrentQueue<string?>();
        using var back = new MqttClientFactory().CreateMqttClient();
        back.ApplicationMessageReceivedAsync += e =>
        {
            contentTypes.Enqueue(e.ApplicationMessage.ContentType);
            return Task.CompletedTask;
        };
        await back.ConnectAsync(JournaledBroker.Options(scratch.Port, "same-twice", 3600));
        await back.SubscribeAsync("sessions/#", MqttQualityOfServiceLevel.AtLeastOnce);
        await JournaledBroker.WaitUntilAsync(() => broker.PendingMessages == 0);

        Assert.Equal(["first"], contentTypes);
    }

    [Fact]
    public async Task A_message_sent_to_a_session_carries_no_trace_of_the_journal()
    {
        await using var broker = await Broker.StartAsync(BrokerKind.Embedded);
        var properties = new ConcurrentQueue<int>();
        using var session = new MqttClientFactory().CreateMqttClient();
        session.ApplicationMessageReceivedAsync += e =>
        {
            properties.Enqueue(e.ApplicationMessage.UserProperties?.Count ?? 0);
            return Task.CompletedTask;
        };
        await session.ConnectAsync(JournaledBroker.Options(broker.Port, "traceless", 3600));
        await session.SubscribeAsync("sessions/#", MqttQualityOfServiceLevel.AtLeastOnce);
        await JournaledBroker.PublishAsync(broker.Port, 3);
        await JournaledBroker.WaitUntilAsync(() => properties.Count == 3);

        // The broker tags each message to know which journal entry its packet is, and takes the tag off as it goes out.
        Assert.Equal([0, 0, 0], properties);
    }
}
