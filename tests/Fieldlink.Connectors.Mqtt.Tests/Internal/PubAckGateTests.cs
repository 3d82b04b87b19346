using System.Net;
using Fieldlink.Connectors.Mqtt.Internal;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace Fieldlink.Connectors.Mqtt.Tests.Internal;

/// <summary>
/// Issue 15, review item 1: MQTTnet acknowledges a message whose journaling threw in an interceptor (it logs the
/// exception and goes on), so the gate withholds that publisher's acknowledgements and ends its connection: an MQTT
/// client sends an unacknowledged message again on its next connection.
/// </summary>
public sealed class PubAckGateTests
{
    [Fact]
    public async Task A_publisher_whose_message_could_not_be_journaled_gets_no_acknowledgement_and_is_disconnected()
    {
        var directory = Directory.CreateTempSubdirectory("fieldlink-journal-").FullName;
        try
        {
            using var journal = await BrokerJournal.OpenAsync(Path.Combine(directory, "sessions.journal"), DateTimeOffset.UnixEpoch, CancellationToken.None);
            var disconnected = new List<string>();
            var gate = new PubAckGate(journal, client =>
            {
                disconnected.Add(client);
                return Task.CompletedTask;
            });

            gate.Failed("device-1");
            var failed = PubAck("device-1");
            var other = PubAck("device-2");
            await gate.BeforeSendingAsync(failed);
            await gate.BeforeSendingAsync(other);

            Assert.False(failed.ProcessPacket);
            Assert.True(other.ProcessPacket);
            Assert.Equal(["device-1"], disconnected);

            // Its next connection starts afresh.
            gate.Gone("device-1");
            var again = PubAck("device-1");
            await gate.BeforeSendingAsync(again);
            Assert.True(again.ProcessPacket);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static InterceptingPacketEventArgs PubAck(string client) =>
        new(client, "user", new IPEndPoint(IPAddress.Loopback, 1883), new MqttPubAckPacket { PacketIdentifier = 1 }, new Dictionary<object, object>(), CancellationToken.None);
}
