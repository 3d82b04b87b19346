using System.Buffers;
using System.Text.Json;
using MQTTnet;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// What the embedded broker owes persistent sessions, on disk: each QoS 1 or 2 message a persistent session is to
/// receive, written and flushed before the publisher gets its PUBACK, until that session acknowledges it; the
/// sessions' subscriptions, so a message published after a restart, before the session is back, is owed to it too;
/// and when each session went away and for how long it may stay away (<see cref="JournalSessions"/>).
/// One append-only file of JSON lines, compacted when opened and every so often.
/// </summary>
/// <remarks>
/// Thread-safe: every change and append is made under one lock, which is never held while the disk flushes
/// (<see cref="JournalFile"/>: lines that must be durable wait for a flush that covers them, shared by all who wait)
/// nor while a compaction writes its new file (only while it snapshots what is pending).
/// </remarks>
internal sealed class BrokerJournal : IDisposable
{
    private const int CompactAfterLines = 10_000;

    private readonly JournalFile _file;
    // Guards the state in memory and the appends; never held across an await.
    private readonly Lock _lock = new();

    // One rewrite of the file at a time (compaction, or recovery from a failed flush), held across its I/O.
    private readonly SemaphoreSlim _rewriting = new(1, 1);
    private readonly JournalState _state = new();

    private BrokerJournal(string path) => _file = new JournalFile(path);

    /// <summary>Opens (or creates) the journal at <paramref name="path"/>; everything it still holds is owed.</summary>
    /// <param name="path">The journal file.</param>
    /// <param name="now">When the broker starts: a session that was connected when the process stopped went away then.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    public static async Task<BrokerJournal> OpenAsync(string path, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var journal = new BrokerJournal(path);
        if (File.Exists(path))
        {
            foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
            {
                journal._state.Replay(line);
            }
        }

        (journal.UnrecordedAtOpen, journal.ExpiredAtOpen) = journal._state.Opened(now);
        await journal.CompactAsync(onlyIfDue: false, cancellationToken);
        return journal;
    }

    /// <summary>The sessions <see cref="OpenAsync"/> found owed or subscribed with no record, now due to expire <see cref="JournalSessions.UnrecordedExpiry"/> from then.</summary>
    public IReadOnlyList<string> UnrecordedAtOpen { get; private set; } = [];

    /// <summary>The sessions <see cref="OpenAsync"/> found away for longer than their expiry interval, and forgot.</summary>
    public IReadOnlyList<string> ExpiredAtOpen { get; private set; } = [];

    /// <summary>How many messages are owed or unacknowledged.</summary>
    public int PendingCount => Locked(() => _state.PendingCount);

    /// <summary>The highest QoS of <paramref name="client"/>'s persisted subscriptions that match <paramref name="topic"/>; -1 for none.</summary>
    public int SubscribedQos(string client, string topic) =>
        Locked(() => _state.SubscribedQos(client, topic));

    /// <summary>The persistent sessions with a persisted subscription matching <paramref name="topic"/>, and its QoS.</summary>
    public List<(string Client, int Qos)> Subscribers(string topic) =>
        Locked(() => _state.Subscribers(topic));

    /// <summary>
    /// Forgets the sessions away for longer than their expiry interval at <paramref name="now"/>, but those
    /// <paramref name="connected"/> names, and returns them. Found and forgotten in one hold of the lock, so a session
    /// whose "open" (its reconnection) came first is no longer expired, and one forgotten first reconnects afresh.
    /// </summary>
    public async Task<List<string>> ForgetExpiredAsync(DateTimeOffset now, Func<string, bool> connected, CancellationToken cancellationToken)
    {
        List<string> expired;
        lock (_lock)
        {
            expired = [.. _state.Sessions.Expired(now).Where(c => !connected(c))];
            foreach (var client in expired)
            {
                Append(new JournalLine { Op = "forget", Client = client });
            }
        }

        if (expired.Count > 0)
        {
            await CompactIfDueAsync(cancellationToken);
        }

        return expired;
    }

    /// <summary>A persistent session connected: it may stay away for <paramref name="expiry"/> (null: for ever) once it goes.</summary>
    public Task SessionOpenedAsync(string client, TimeSpan? expiry, CancellationToken cancellationToken) =>
        WriteAsync(new JournalLine { Op = "open", Client = client, ExpirySeconds = expiry is { } e ? (long)e.TotalSeconds : null }, cancellationToken);

    /// <summary>A persistent session's connection ended at <paramref name="at"/>; its expiry interval runs from then.</summary>
    public Task SessionClosedAsync(string client, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(new JournalLine { Op = "gone", Client = client, At = at }, cancellationToken);

    public Task SubscribedAsync(string client, string filter, int qos, CancellationToken cancellationToken) =>
        WriteAsync(new JournalLine { Op = "sub", Client = client, Filter = filter, Qos = qos }, cancellationToken);

    public Task UnsubscribedAsync(string client, string filter, CancellationToken cancellationToken) =>
        WriteAsync(new JournalLine { Op = "unsub", Client = client, Filter = filter }, cancellationToken);

    /// <summary>Forgets a session that ended: its subscriptions and what it was owed (a clean start, a session that was not persistent, or one that expired).</summary>
    public Task ForgetAsync(string client, CancellationToken cancellationToken) =>
        WriteAsync(new JournalLine { Op = "forget", Client = client }, cancellationToken);

    /// <summary>
    /// Records a message for <paramref name="to"/>, written to the operating system before it returns; the publisher's
    /// PUBACK waits for <see cref="DurableAsync"/> of the line returned, so a device's next messages are read and
    /// journaled while this one's flush is under way, and share it. The entry is owed, not handed to MQTTnet, when
    /// <paramref name="owed"/> or when <paramref name="maxInHands"/> of the session's entries are in MQTTnet's hands
    /// already: MQTTnet re-queues all of those at the session's reconnection and silently drops any beyond its limit.
    /// </summary>
    /// <returns>The line's number (for <see cref="DurableAsync"/>), the entry's sequence number, and whether it is owed.</returns>
    public async Task<(long Line, long Seq, bool Owed)> AddAsync(string to, MqttApplicationMessage message, int qos, bool owed, int maxInHands, CancellationToken cancellationToken)
    {
        var payload = message.Payload.ToArray();
        JournalEntry entry;
        long line;
        lock (_lock)
        {
            entry = new JournalEntry { Seq = _state.NextSequence(), To = to, Topic = message.Topic, Payload = payload, Qos = qos, ContentType = message.ContentType, Owed = owed || _state.InHands(to) >= maxInHands };
            line = Append(new JournalLine { Op = "add", Entry = entry });
        }

        await CompactIfDueAsync(cancellationToken);
        return (line, entry.Seq, entry.Owed);
    }

    /// <summary><paramref name="client"/> acknowledged the entry <paramref name="seq"/>: it is done.</summary>
    public async Task AcknowledgedAsync(string client, long seq, CancellationToken cancellationToken)
    {
        // Found and marked in one hold of the lock, so two acknowledgements of one entry mark it done once.
        lock (_lock)
        {
            if (_state.Find(seq) is { } done && done.To == client)
            {
                Append(new JournalLine { Op = "done", Seq = seq });
            }
        }

        await CompactIfDueAsync(cancellationToken);
    }

    /// <summary>
    /// Marks the entry <paramref name="seq"/> of <paramref name="client"/> owed again (MQTTnet refused it a place in the
    /// session's queue) or, not <paramref name="owed"/>, handed to MQTTnet's queue (a replay).
    /// </summary>
    /// <returns>Whether it was pending for that client, and changed: no other session gets it, nor does it go twice.</returns>
    public bool MarkOwed(long seq, string client, bool owed) =>
        Locked(() => _state.Find(seq) is { } entry && entry.To == client && entry.Owed != owed && _state.SetOwed(entry, owed));

    /// <summary>How many of <paramref name="client"/>'s entries are in MQTTnet's hands: queued or sent, not acknowledged.</summary>
    public int InHands(string client) => Locked(() => _state.InHands(client));

    /// <summary>The entries owed to <paramref name="client"/>, oldest first.</summary>
    public List<JournalEntry> Owed(string client) => Locked(() => _state.Owed(client));

    /// <summary>
    /// Returns once line <paramref name="line"/> (from <see cref="AddAsync"/>) is on disk. After a failed flush the file
    /// is rewritten from memory, which makes every line so far durable; throws when that fails too.
    /// </summary>
    public async Task DurableAsync(long line, CancellationToken cancellationToken)
    {
        try
        {
            await _file.DurableAsync(line, cancellationToken);
        }
        catch (IOException) when (_file.Failed)
        {
            await _rewriting.WaitAsync(cancellationToken);
            try
            {
                if (_file.Failed)
                {
                    await RewriteAsync(cancellationToken);
                }
            }
            finally
            {
                _rewriting.Release();
            }

            await _file.DurableAsync(line, cancellationToken);
        }
    }

    public void Dispose()
    {
        _file.Dispose();
        _rewriting.Dispose();
    }

    private T Locked<T>(Func<T> read)
    {
        lock (_lock)
        {
            return read();
        }
    }

    /// <summary>
    /// Appends <paramref name="line"/>; who subscribed is flushed through to the disk before the caller (the SUBACK)
    /// goes on, what is owed before the publisher's PUBACK (<see cref="DurableAsync"/>). A lost "done", "unsub",
    /// "forget", "open" or "gone" can only make a message be sent again after a crash, or a session be kept longer, so
    /// those go to the operating system and reach the disk with the next flush.
    /// </summary>
    private async Task<long> WriteAsync(JournalLine line, CancellationToken cancellationToken)
    {
        long written;
        lock (_lock)
        {
            written = Append(line);
        }

        if (line.Op is "sub")
        {
            await DurableAsync(written, cancellationToken);
        }

        await CompactIfDueAsync(cancellationToken);
        return written;
    }

    /// <summary>Writes a line to the operating system and applies it; under the lock. Returns the line's number.</summary>
    private long Append(JournalLine line)
    {
        var written = _file.Append(JsonSerializer.SerializeToUtf8Bytes(line, JournalJson.Default.JournalLine));
        _state.Apply(line);
        return written;
    }

    private async Task CompactIfDueAsync(CancellationToken cancellationToken)
    {
        if (CompactionDue())
        {
            await CompactAsync(onlyIfDue: true, cancellationToken);
        }
    }

    private bool CompactionDue() =>
        _file.LinesSinceRewrite > CompactAfterLines && Locked(() => _file.LinesSinceRewrite > 4 * (_state.PendingCount + _state.SubscriptionCount));

    /// <summary>Rewrites the file with only what is still pending (if still due, when <paramref name="onlyIfDue"/>: another writer may have just done it).</summary>
    private async Task CompactAsync(bool onlyIfDue, CancellationToken cancellationToken)
    {
        await _rewriting.WaitAsync(cancellationToken);
        try
        {
            if (!onlyIfDue || CompactionDue())
            {
                await RewriteAsync(cancellationToken);
            }
        }
        finally
        {
            _rewriting.Release();
        }
    }

    /// <summary>Under <see cref="_rewriting"/>: the snapshot is taken under the lock, the new file written without it.</summary>
    private Task RewriteAsync(CancellationToken cancellationToken)
    {
        List<byte[]> lines;
        lock (_lock)
        {
            lines = [.. _state.Lines()
                .Select(l => JsonSerializer.SerializeToUtf8Bytes(l, JournalJson.Default.JournalLine))];
            _file.BeginRewrite();
        }

        return _file.RewriteAsync(lines, cancellationToken);
    }
}
