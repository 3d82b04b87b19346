using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MQTTnet;
using MQTTnet.Packets;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// Which <see cref="BrokerJournal"/> entry each publish packet MQTTnet sends a session carries, so the session's
/// acknowledgement, or MQTTnet's refusal of a place in its queue, marks that entry by its sequence number. Matched by
/// topic and payload, two identical messages owed to one session were confused: an acknowledgement of the second
/// marked the first done, and a refusal could mark owed again one that was in flight.
/// </summary>
/// <remarks>
/// MQTTnet shows no packet to its enqueue interceptor, where an entry is journaled, only the message, which it then
/// copies into one packet per session. So each message is tagged, on its way in, with a user property naming its
/// dispatch; the interceptor records the entry under that dispatch and the session; and the tag is taken off each
/// packet as it goes out (no client sees it), the packet itself then standing for the entry until acknowledged.
/// MQTTnet keeps the same packet object until its acknowledgement, across a reconnection too. Thread-safe.
/// </remarks>
internal sealed class JournalDeliveries
{
    private const string TagName = "$fieldlink-journal-dispatch";

    private readonly ConcurrentDictionary<(string Dispatch, string Client), long> _handed = new();
    private readonly ConditionalWeakTable<MqttPublishPacket, StrongBox<long>> _sent = [];
    private long _lastDispatch;

    /// <summary>Tags a message on its way in (MQTTnet's publish interceptor, before it is copied for each session).</summary>
    public void Tag(MqttApplicationMessage message)
    {
        var dispatch = Interlocked.Increment(ref _lastDispatch).ToString(CultureInfo.InvariantCulture);
        message.UserProperties ??= [];
        message.UserProperties.Add(new MqttUserProperty(TagName, Encoding.UTF8.GetBytes(dispatch)));
    }

    /// <summary>The journal entry <paramref name="seq"/> of <paramref name="message"/> goes to MQTTnet's queue of <paramref name="client"/>.</summary>
    public void Handed(MqttApplicationMessage message, string client, long seq)
    {
        if (DispatchOf(message.UserProperties) is { } dispatch)
        {
            _handed[(dispatch, client)] = seq;
        }
    }

    /// <summary>MQTTnet refused <paramref name="message"/> a place in <paramref name="client"/>'s queue: the entry it was, if journaled.</summary>
    public long? Refused(MqttApplicationMessage message, string client) =>
        DispatchOf(message.UserProperties) is { } dispatch && _handed.TryRemove((dispatch, client), out var seq) ? seq : null;

    /// <summary>
    /// MQTTnet's outbound packet interceptor: takes the tag off a publish packet about to go to <paramref name="client"/>,
    /// and keeps which entry the packet is until it is acknowledged.
    /// </summary>
    public void Sending(MqttPublishPacket packet, string client)
    {
        if (DispatchOf(packet.UserProperties) is not { } dispatch)
        {
            return;
        }

        // A new list: the one the packet has is shared with the packets of the other sessions the message went to.
        var others = packet.UserProperties.Where(p => p.Name != TagName).ToList();
        packet.UserProperties = others.Count > 0 ? others : null;
        if (_handed.TryRemove((dispatch, client), out var seq))
        {
            _sent.AddOrUpdate(packet, new StrongBox<long>(seq));
        }
    }

    /// <summary>A session acknowledged <paramref name="packet"/>: the entry it was, if journaled.</summary>
    public long? Acknowledged(MqttPublishPacket packet) =>
        _sent.TryGetValue(packet, out var seq) && _sent.Remove(packet) ? seq.Value : null;

    /// <summary>A session ended: what it was handed and never sent is forgotten with it.</summary>
    public void Forget(string client)
    {
        foreach (var key in _handed.Keys.Where(k => k.Client == client))
        {
            _handed.TryRemove(key, out _);
        }
    }

    private static string? DispatchOf(List<MqttUserProperty>? properties)
    {
        if (properties is null)
        {
            return null;
        }

        for (var i = properties.Count - 1; i >= 0; i--)
        {
            if (properties[i].Name == TagName)
            {
                return properties[i].ReadValueAsString();
            }
        }

        return null;
    }
}
