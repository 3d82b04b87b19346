using System.Collections.Concurrent;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// Holds a PUBACK (or a QoS 2 PUBREC) to a publisher until what the <see cref="BrokerJournal"/> wrote for its messages
/// is on disk. Waiting on the connection's sending side, rather than while its message is dispatched, lets MQTTnet read
/// and journal the connection's next messages meanwhile: one flush then covers many of them, where a flush in the
/// dispatch made a device wait one flush per message, one message after another.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class PubAckGate(BrokerJournal journal)
{
    // Per publishing client, the last journal line its acknowledgements must wait to be on disk for.
    private readonly ConcurrentDictionary<string, long> _journaledFrom = new(StringComparer.Ordinal);

    /// <summary>A message of <paramref name="publisher"/> was journaled at <paramref name="line"/>; called before MQTTnet queues its PUBACK.</summary>
    public void Journaled(string? publisher, long line)
    {
        if (publisher is not null)
        {
            _journaledFrom.AddOrUpdate(publisher, line, (_, before) => Math.Max(before, line));
        }
    }

    /// <summary>MQTTnet's outbound packet interceptor: an acknowledgement waits for the publisher's journal lines on disk.</summary>
    public Task BeforeSendingAsync(InterceptingPacketEventArgs args) =>
        args.Packet is MqttPubAckPacket or MqttPubRecPacket && _journaledFrom.TryGetValue(args.ClientId, out var line)
            ? journal.DurableAsync(line, args.CancellationToken)
            : Task.CompletedTask;

    /// <summary>The publisher's last connection ended: nothing more to hold for it.</summary>
    public void Gone(string client) => _journaledFrom.TryRemove(client, out _);
}
