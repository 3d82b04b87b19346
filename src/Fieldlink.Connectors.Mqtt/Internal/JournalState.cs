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

    // Per session, how many of its entries are in MQTTnet's hands (queued or sent, not yet acknowledged): MQTTnet
    // re-queues them all when the session reconnects, and silently drops those beyond its queue limit.
    private readonly Dictionary<string, int> _inHands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> _subscriptions = new(StringComparer.Ordinal);
    private readonly JournalSessions _sessions = new();

    // "add" lines without a sequence number, numbered once the whole file is read (after the highest it holds).
    private readonly List<JournalEntry> _unnumbered = [];
    private long _sequence;

    public JournalSessions Sessions => _sessions;

    public int PendingCount => _pending.Count;

    public int SubscriptionCount => _subscriptions.Count;

    /// <summary>The sequence number of the next entry.</summary>
    public long NextSequence() => ++_sequence;

    /// <summary>
    /// Once the file is read: numbers what was not (<see cref="EndReplay"/>); owes everything (nothing is in MQTTnet's
    /// queues); counts every session as away from <paramref name="now"/> at the latest, a session it holds no record
    /// of with <see cref="JournalSessions.UnrecordedExpiry"/>; and forgets those away longer than their expiry.
    /// </summary>
    /// <returns>The sessions found without a record, and those forgotten.</returns>
    public (List<string> Unrecorded, List<string> Expired) Opened(DateTimeOffset now)
    {
        EndReplay();
        OweEverything();
        _sessions.AllGone(now);
        var unrecorded = RecordUnrecordedSessions(JournalSessions.UnrecordedExpiry, now);
        var expired = _sessions.Expired(now);
        foreach (var client in expired)
        {
            Apply(new JournalLine { Op = "forget", Client = client });
        }

        return (unrecorded, expired);
    }

    /// <summary>When the journal opens, everything it still holds is owed: nothing of it is in MQTTnet's queues.</summary>
    private void OweEverything()
    {
        foreach (var entry in _pending.Values)
        {
            entry.Owed = true;
        }

        _inHands.Clear();
    }

    /// <summary>How many of <paramref name="client"/>'s entries are in MQTTnet's hands (not owed).</summary>
    public int InHands(string client) => _inHands.GetValueOrDefault(client);

    /// <summary>Marks <paramref name="entry"/> owed (again) or handed to MQTTnet, keeping the count in MQTTnet's hands.</summary>
    /// <returns>Whether it changed.</returns>
    public bool SetOwed(JournalEntry entry, bool owed)
    {
        if (entry.Owed == owed || !_pending.ContainsKey(entry.Seq))
        {
            return false;
        }

        entry.Owed = owed;
        Count(entry.To, owed ? -1 : 1);
        return true;
    }

    /// <summary>The highest QoS of <paramref name="client"/>'s subscriptions that match <paramref name="topic"/>; -1 for none.</summary>
    public int SubscribedQos(string client, string topic) =>
        _subscriptions.TryGetValue(client, out var filters) ? Matching(filters, topic) : -1;

    /// <summary>The sessions with a subscription matching <paramref name="topic"/>, and its QoS.</summary>
    public List<(string Client, int Qos)> Subscribers(string topic) =>
        _subscriptions.Select(s => (s.Key, Matching(s.Value, topic))).Where(s => s.Item2 >= 0).ToList();

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
                if (line is { Op: "add", Entry.Seq: 0 })
                {
                    _unnumbered.Add(line.Entry);
                    return;
                }

                Apply(line);
                _sequence = Math.Max(_sequence, line.Entry?.Seq ?? 0);
            }
        }
        catch (JsonException)
        {
            // The last line of a process killed mid-write: its message was never acknowledged to the publisher.
        }
    }

    /// <summary>
    /// After the last line read: numbers the entries of "add" lines that had no sequence number (none of this project's
    /// journals so far, but a number of 0 for each would make them overwrite one another), after the highest in the
    /// file, in the file's order; the compaction that follows the opening writes them back numbered.
    /// </summary>
    private void EndReplay()
    {
        foreach (var entry in _unnumbered)
        {
            Apply(new JournalLine { Op = "add", Entry = new JournalEntry { Seq = NextSequence(), To = entry.To, Topic = entry.Topic, Payload = entry.Payload, Qos = entry.Qos, ContentType = entry.ContentType } });
        }

        _unnumbered.Clear();
    }

    /// <summary>
    /// The sessions the journal owes or has subscriptions for but holds no "open" line of (a journal written before
    /// sessions expired): each is recorded as connected with <paramref name="expiry"/> and gone at <paramref name="now"/>,
    /// so it ends once away that long from now unless it comes back (and says its own interval) first.
    /// </summary>
    /// <returns>Those sessions.</returns>
    private List<string> RecordUnrecordedSessions(TimeSpan expiry, DateTimeOffset now)
    {
        var unrecorded = _subscriptions.Keys.Concat(_pending.Values.Select(e => e.To)).Distinct(StringComparer.Ordinal).Where(c => !_sessions.Knows(c)).ToList();
        foreach (var client in unrecorded)
        {
            _sessions.Apply("open", client, (long)expiry.TotalSeconds, null);
            _sessions.Apply("gone", client, null, now);
        }

        return unrecorded;
    }

    /// <summary>Applies a line appended, or read back.</summary>
    public void Apply(JournalLine line)
    {
        switch (line.Op)
        {
            case "add" when line.Entry is { } entry:
                _pending[entry.Seq] = entry;
                if (!entry.Owed)
                {
                    Count(entry.To, 1);
                }

                break;
            case "done" when _pending.Remove(line.Seq, out var done):
                if (!done.Owed)
                {
                    Count(done.To, -1);
                }

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
                }

                _inHands.Remove(client);

                break;
        }
    }

    private void Count(string client, int change)
    {
        var count = _inHands.GetValueOrDefault(client) + change;
        if (count > 0)
        {
            _inHands[client] = count;
        }
        else
        {
            _inHands.Remove(client);
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
