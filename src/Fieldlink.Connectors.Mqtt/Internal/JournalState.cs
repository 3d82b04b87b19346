using System.Text.Json;
using MQTTnet;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// What the <see cref="BrokerJournal"/>'s lines say, in memory: the entries pending (owed or sent and not yet
/// acknowledged), the persistent sessions' subscriptions, and the sessions with their expiry
/// (<see cref="JournalSessions"/>). Built by replaying the file's lines, kept up to date by applying each line
/// appended, and written back as lines when the file is compacted.
/// </summary>
/// <remarks>Not thread-safe: the journal calls it under its lock.</remarks>
internal sealed class JournalState
{
    private readonly SortedDictionary<long, JournalEntry> _pending = [];

    // The entries not yet done by session and topic, oldest first: an acknowledgement looks among its own few, not
    // among everything pending (which, for a session long away, is everything it was owed since).
    private readonly Dictionary<(string To, string Topic), List<JournalEntry>> _byTopic = [];
    private readonly Dictionary<string, Dictionary<string, int>> _subscriptions = new(StringComparer.Ordinal);
    private readonly JournalSessions _sessions = new();
    private long _sequence;

    public JournalSessions Sessions => _sessions;

    public int PendingCount => _pending.Count;

    public int SubscriptionCount => _subscriptions.Count;

    /// <summary>The sequence number of the next entry.</summary>
    public long NextSequence() => ++_sequence;

    /// <summary>When the journal opens, everything it still holds is owed: nothing of it is in MQTTnet's queues.</summary>
    public void OweEverything()
    {
        foreach (var entry in _pending.Values)
        {
            entry.Owed = true;
        }
    }

    /// <summary>The highest QoS of <paramref name="client"/>'s subscriptions that match <paramref name="topic"/>; -1 for none.</summary>
    public int SubscribedQos(string client, string topic) =>
        _subscriptions.TryGetValue(client, out var filters) ? Matching(filters, topic) : -1;

    /// <summary>The sessions with a subscription matching <paramref name="topic"/>, and its QoS.</summary>
    public List<(string Client, int Qos)> Subscribers(string topic) =>
        _subscriptions.Select(s => (s.Key, Matching(s.Value, topic))).Where(s => s.Item2 >= 0).ToList();

    /// <summary>The oldest (or newest) entry of <paramref name="client"/> with this topic and payload that is not owed, that is, in MQTTnet's hands.</summary>
    public JournalEntry? Unsent(string client, string topic, byte[] payload, bool oldest)
    {
        var same = _byTopic.GetValueOrDefault((client, topic));
        return oldest
            ? same?.Find(e => !e.Owed && e.Payload.AsSpan().SequenceEqual(payload))
            : same?.FindLast(e => !e.Owed && e.Payload.AsSpan().SequenceEqual(payload));
    }

    /// <summary>The entries owed to <paramref name="client"/>, oldest first.</summary>
    public List<JournalEntry> Owed(string client) => _pending.Values.Where(e => e.Owed && e.To == client).ToList();

    /// <summary>The entry with this sequence number, if still pending.</summary>
    public JournalEntry? Find(long seq) => _pending.GetValueOrDefault(seq);

    /// <summary>The lines that say all this, for a compacted journal.</summary>
    public IEnumerable<JournalLine> Lines() =>
        _sessions.Lines()
            .Concat(_subscriptions.SelectMany(s => s.Value.Select(f => new JournalLine { Op = "sub", Client = s.Key, Filter = f.Key, Qos = f.Value })))
            .Concat(_pending.Values.Select(e => new JournalLine { Op = "add", Entry = e }));

    /// <summary>Applies one line of the file, as read when the journal opens; a torn last line is skipped.</summary>
    public void Replay(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        try
        {
            if (JsonSerializer.Deserialize(text, JournalJson.Default.JournalLine) is { } line)
            {
                Apply(line);
                _sequence = Math.Max(_sequence, line.Entry?.Seq ?? 0);
            }
        }
        catch (JsonException)
        {
            // The last line of a process killed mid-write: its message was never acknowledged to the publisher.
        }
    }

    /// <summary>Applies a line appended, or read back.</summary>
    public void Apply(JournalLine line)
    {
        switch (line.Op)
        {
            case "add" when line.Entry is { } entry:
                _pending[entry.Seq] = entry;
                var key = (entry.To, entry.Topic);
                if (!_byTopic.TryGetValue(key, out var same))
                {
                    same = [];
                    _byTopic[key] = same;
                }

                same.Add(entry);
                break;
            case "done" when _pending.Remove(line.Seq, out var done):
                Unindex(done);
                break;
            case "sub" when line.Client is { } client && line.Filter is { } filter:
                if (!_subscriptions.TryGetValue(client, out var filters))
                {
                    filters = new(StringComparer.Ordinal);
                    _subscriptions[client] = filters;
                }

                filters[filter] = line.Qos;
                break;
            case "unsub" when line.Client is { } client && line.Filter is { } filter:
                if (_subscriptions.TryGetValue(client, out var held))
                {
                    held.Remove(filter);
                }

                break;
            case "open" or "gone" when line.Client is { } client:
                _sessions.Apply(line.Op, client, line.ExpirySeconds, line.At);
                break;
            case "forget" when line.Client is { } client:
                _subscriptions.Remove(client);
                _sessions.Forget(client);
                foreach (var entry in _pending.Values.Where(e => e.To == client).ToList())
                {
                    _pending.Remove(entry.Seq);
                    Unindex(entry);
                }

                break;
        }
    }

    private void Unindex(JournalEntry entry)
    {
        var key = (entry.To, entry.Topic);
        if (_byTopic.TryGetValue(key, out var same) && same.Remove(entry) && same.Count == 0)
        {
            _byTopic.Remove(key);
        }
    }

    private static int Matching(Dictionary<string, int> filters, string topic)
    {
        var qos = -1;
        foreach (var (filter, level) in filters)
        {
            if (level > qos && MqttTopicFilterComparer.Compare(topic, filter) == MqttTopicFilterCompareResult.IsMatch)
            {
                qos = level;
            }
        }

        return qos;
    }
}
