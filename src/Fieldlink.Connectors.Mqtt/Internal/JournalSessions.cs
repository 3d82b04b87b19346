namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// The persistent sessions the <see cref="BrokerJournal"/> knows, with how long each may stay away (its MQTT 5 session
/// expiry interval; for ever over MQTT 3.1.1 or with 0xFFFFFFFF) and since when it has been away. A session away for
/// longer has ended (MQTT 5, 3.1.2.11.2) and is owed nothing more: without this, a session that never comes back (a
/// provider instance deleted, a client id changed) would be owed every message for as long as the journal lives.
/// </summary>
/// <remarks>Not thread-safe: the journal calls it under its lock.</remarks>
internal sealed class JournalSessions
{
    /// <summary>
    /// How long a session the journal holds no record of when it opens (one written before sessions expired) may stay
    /// away from then: Fieldlink's connector's own default (<see cref="MqttSettings.SessionExpirySeconds"/>), since its
    /// real interval is known only once it connects again. Without a record such a session was owed every message for ever.
    /// </summary>
    public static readonly TimeSpan UnrecordedExpiry = TimeSpan.FromSeconds(86_400);

    private readonly Dictionary<string, (long? ExpirySeconds, DateTimeOffset? GoneAt)> _sessions = new(StringComparer.Ordinal);

    /// <summary>Applies an "open" (connected, with its expiry) or "gone" (its connection ended) line.</summary>
    public void Apply(string op, string client, long? expirySeconds, DateTimeOffset? at)
    {
        if (op == "open")
        {
            _sessions[client] = (expirySeconds, null);
        }
        else if (_sessions.TryGetValue(client, out var session))
        {
            _sessions[client] = session with { GoneAt = at };
        }
    }

    public void Forget(string client) => _sessions.Remove(client);

    /// <summary>Whether an "open" line recorded <paramref name="client"/>.</summary>
    public bool Knows(string client) => _sessions.ContainsKey(client);

    /// <summary>When the broker starts, every session it knows is away: those connected when the process stopped went then, at the latest.</summary>
    public void AllGone(DateTimeOffset now)
    {
        foreach (var (client, session) in _sessions.Where(s => s.Value.GoneAt is null).ToList())
        {
            _sessions[client] = session with { GoneAt = now };
        }
    }

    /// <summary>The sessions away for longer than their expiry interval at <paramref name="now"/>.</summary>
    public List<string> Expired(DateTimeOffset now) =>
        [.. _sessions.Where(s => s.Value is { ExpirySeconds: { } seconds, GoneAt: { } gone } && gone.AddSeconds(seconds) <= now).Select(s => s.Key)];

    /// <summary>The lines that say all this, for a compacted journal.</summary>
    public IEnumerable<JournalLine> Lines()
    {
        foreach (var (client, session) in _sessions)
        {
            yield return new JournalLine { Op = "open", Client = client, ExpirySeconds = session.ExpirySeconds };
            if (session.GoneAt is { } at)
            {
                yield return new JournalLine { Op = "gone", Client = client, At = at };
            }
        }
    }
}
