using System.Buffers;
using System.Text.Json;
using MQTTnet;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// What the embedded broker owes persistent sessions, on disk: each QoS 1 or 2 message a persistent session is to
/// receive, written and flushed before the publisher gets its PUBACK, until that session acknowledges it; and the
/// sessions' subscriptions, so a message published after a restart, before the session is back, is owed to it too.
/// One append-only file of JSON lines, compacted when opened and every so often.
/// </summary>
/// <remarks>Thread-safe: every change and write is made under one lock.</remarks>
internal sealed class BrokerJournal : IDisposable
{
    private const int CompactAfterLines = 10_000;

    private readonly string _path;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SortedDictionary<long, JournalEntry> _pending = [];
    private readonly Dictionary<string, Dictionary<string, int>> _subscriptions = new(StringComparer.Ordinal);
    private FileStream? _file;
    private long _sequence;
    private int _lines;

    private BrokerJournal(string path) => _path = path;

    /// <summary>Opens (or creates) the journal at <paramref name="path"/>; everything it still holds is owed.</summary>
    public static async Task<BrokerJournal> OpenAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var journal = new BrokerJournal(path);
        if (File.Exists(path))
        {
            foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
            {
                journal.Replay(line);
            }
        }

        foreach (var entry in journal._pending.Values)
        {
            entry.Owed = true;
        }

        await journal.CompactAsync(cancellationToken);
        return journal;
    }

    /// <summary>How many messages are owed or unacknowledged.</summary>
    public int PendingCount
    {
        get
        {
            _gate.Wait();
            try
            {
                return _pending.Count;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>The highest QoS of <paramref name="client"/>'s persisted subscriptions that match <paramref name="topic"/>; -1 for none.</summary>
    public int SubscribedQos(string client, string topic)
    {
        _gate.Wait();
        try
        {
            return _subscriptions.TryGetValue(client, out var filters) ? Matching(filters, topic) : -1;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The persistent sessions with a persisted subscription matching <paramref name="topic"/>, and its QoS.</summary>
    public List<(string Client, int Qos)> Subscribers(string topic)
    {
        _gate.Wait();
        try
        {
            return [.. _subscriptions.Select(s => (s.Key, Matching(s.Value, topic))).Where(s => s.Item2 >= 0)];
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task SubscribedAsync(string client, string filter, int qos, CancellationToken cancellationToken) =>
        WriteAsync(new JournalLine { Op = "sub", Client = client, Filter = filter, Qos = qos }, cancellationToken);

    public Task UnsubscribedAsync(string client, string filter, CancellationToken cancellationToken) =>
        WriteAsync(new JournalLine { Op = "unsub", Client = client, Filter = filter }, cancellationToken);

    /// <summary>Forgets a session that ended: its subscriptions and what it was owed (a clean start, or a session that was not persistent).</summary>
    public Task ForgetAsync(string client, CancellationToken cancellationToken) =>
        WriteAsync(new JournalLine { Op = "forget", Client = client }, cancellationToken);

    /// <summary>Records a message owed to <paramref name="to"/>, on disk before it returns.</summary>
    public async Task<JournalEntry> AddAsync(string to, MqttApplicationMessage message, int qos, bool owed, CancellationToken cancellationToken)
    {
        var line = new JournalLine
        {
            Op = "add",
            Entry = new JournalEntry { To = to, Topic = message.Topic, Payload = message.Payload.ToArray(), Qos = qos, ContentType = message.ContentType, Owed = owed },
        };
        await WriteAsync(line, cancellationToken);
        return line.Entry;
    }

    /// <summary>Marks the first entry of <paramref name="client"/> with this topic and payload acknowledged.</summary>
    public async Task AcknowledgedAsync(string client, string topic, byte[] payload, CancellationToken cancellationToken)
    {
        // Found and marked in one hold of the lock, so two identical acks mark two entries, never the same one twice.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var done = _pending.Values.FirstOrDefault(e => !e.Owed && e.To == client && e.Topic == topic && e.Payload.AsSpan().SequenceEqual(payload));
            if (done is not null)
            {
                await WriteLockedAsync(new JournalLine { Op = "done", Seq = done.Seq }, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The entries owed to <paramref name="client"/>, oldest first.</summary>
    public List<JournalEntry> Owed(string client)
    {
        _gate.Wait();
        try
        {
            return [.. _pending.Values.Where(e => e.Owed && e.To == client)];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The entry with this sequence number, if still pending.</summary>
    public JournalEntry? Find(long seq)
    {
        _gate.Wait();
        try
        {
            return _pending.GetValueOrDefault(seq);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
        _gate.Dispose();
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

    private async Task WriteAsync(JournalLine line, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await WriteLockedAsync(line, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WriteLockedAsync(JournalLine line, CancellationToken cancellationToken)
    {
        if (line.Entry is { } entry)
        {
            line.Entry = new JournalEntry { Seq = ++_sequence, To = entry.To, Topic = entry.Topic, Payload = entry.Payload, Qos = entry.Qos, ContentType = entry.ContentType, Owed = entry.Owed };
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(line, JournalJson.Default.JournalLine);
        _file ??= new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
        await _file.WriteAsync(bytes, cancellationToken);
        await _file.WriteAsync("\n"u8.ToArray(), cancellationToken);

        // What is owed, and who subscribed, is flushed through to the disk before the caller (the publisher's
        // PUBACK) goes on. A lost "done", "unsub" or "forget" can only make a message be sent again after a crash, so those
        // go to the operating system and reach the disk with the next durable line.
        _file.Flush(flushToDisk: line.Op is "add" or "sub");
        Apply(line);
        if (++_lines > CompactAfterLines && _lines > 4 * (_pending.Count + _subscriptions.Count))
        {
            await CompactLockedAsync(cancellationToken);
        }
    }

    private async Task CompactAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await CompactLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Rewrites the file with only what is still pending, into a new file moved over the old one.</summary>
    private async Task CompactLockedAsync(CancellationToken cancellationToken)
    {
        _file?.Dispose();
        _file = null;
        var next = _path + ".next";
        await using (var file = new FileStream(next, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var lines = _subscriptions.SelectMany(s => s.Value.Select(f => new JournalLine { Op = "sub", Client = s.Key, Filter = f.Key, Qos = f.Value }))
                .Concat(_pending.Values.Select(e => new JournalLine { Op = "add", Entry = e }));
            _lines = 0;
            foreach (var line in lines)
            {
                await file.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(line, JournalJson.Default.JournalLine), cancellationToken);
                await file.WriteAsync("\n"u8.ToArray(), cancellationToken);
                _lines++;
            }

            file.Flush(flushToDisk: true);
        }

        File.Move(next, _path, overwrite: true);
    }

    private void Replay(string text)
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

    private void Apply(JournalLine line)
    {
        switch (line.Op)
        {
            case "add" when line.Entry is { } entry:
                _pending[entry.Seq] = entry;
                break;
            case "done":
                _pending.Remove(line.Seq);
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
            case "forget" when line.Client is { } client:
                _subscriptions.Remove(client);
                foreach (var seq in _pending.Values.Where(e => e.To == client).Select(e => e.Seq).ToList())
                {
                    _pending.Remove(seq);
                }

                break;
        }
    }
}
