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
/// <param name="journal">The journal whose flushes the acknowledgements wait for.</param>
/// <param name="disconnect">Ends a publisher's connection, so its client sends again what was not acknowledged.</param>
internal sealed class PubAckGate(BrokerJournal journal, Func<string, Task> disconnect)
{
    // Per publishing client, the last journal line its acknowledgements must wait to be on disk for.
    private readonly ConcurrentDictionary<string, long> _journaledFrom = new(StringComparer.Ordinal);

    // The publishers a message of which could not be journaled: none of their acknowledgements goes out any more.
    private readonly ConcurrentDictionary<string, bool> _failed = new(StringComparer.Ordinal);

    /// <summary>A message of <paramref name="publisher"/> was journaled at <paramref name="line"/>; called before MQTTnet queues its PUBACK.</summary>
    public void Journaled(string? publisher, long line)
    {
        if (publisher is not null)
        {
            _journaledFrom.AddOrUpdate(publisher, line, (_, before) => Math.Max(before, line));
        }
    }

    /// <summary>
    /// A message of <paramref name="publisher"/> could not be journaled, and MQTTnet, which swallows the exception of
    /// its enqueue interceptor, would acknowledge it: its acknowledgements are withheld until the connection ends.
    /// </summary>
    public void Failed(string? publisher)
    {
        if (publisher is not null)
        {
            _failed[publisher] = true;
        }
    }

    /// <summary>
    /// MQTTnet's outbound packet interceptor: an acknowledgement waits for the publisher's journal lines on disk. One
    /// whose lines cannot be made durable is not sent, and the connection is ended: an MQTT client sends an
    /// unacknowledged message again only on a new connection (MQTTnet would otherwise go on with the next packet).
    /// </summary>
    public async Task BeforeSendingAsync(InterceptingPacketEventArgs args)
    {
        if (args.Packet is not (MqttPubAckPacket or MqttPubRecPacket))
        {
            return;
        }

        try
        {
            if (_failed.ContainsKey(args.ClientId))
            {
                throw new IOException("A message of this publisher could not be journaled.");
            }

            if (_journaledFrom.TryGetValue(args.ClientId, out var line))
            {
                await journal.DurableAsync(line, args.CancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            args.ProcessPacket = false;
            _ = disconnect(args.ClientId);
        }
    }

    /// <summary>The publisher's last connection ended: nothing more to hold for it.</summary>
    public void Gone(string client)
    {
        _journaledFrom.TryRemove(client, out _);
        _failed.TryRemove(client, out _);
    }
}
