using System.Collections.Concurrent;
using MQTTnet.Formatter;
using MQTTnet.Server;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// The embedded broker's persistent sessions between their connections: which are persistent, which are connected,
/// and, in the <see cref="BrokerJournal"/>, when each went away and for how long it may stay away (MQTT 5's session
/// expiry interval), so one away for longer is forgotten instead of being owed every message for ever.
/// </summary>
/// <remarks>Thread-safe. Without a journal (no data directory) it only tells persistent sessions apart.</remarks>
internal sealed class SessionExpiry(BrokerJournal? journal, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, bool> _persistent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan?> _expiry = new(StringComparer.Ordinal);

    // Within a run, time away is measured on the monotonic clock, anchored to the wall clock once, when the broker
    // starts: a clock set forward or back meanwhile neither ends a session early nor keeps one late. Across a restart
    // only the wall clock can tell.
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();
    private readonly long _startedTimestamp = time.GetTimestamp();

    private DateTimeOffset Now => _startedAt + time.GetElapsedTime(_startedTimestamp);

    public bool IsPersistent(string client) => _persistent.GetValueOrDefault(client);

    public bool IsConnected(string client) => _connections.TryGetValue(client, out var n) && n > 0;

    /// <summary>
    /// A client is connecting: a clean start, or a session that is not persistent, discards what the session was owed
    /// (MQTT 3.1.2-6, 3.1.2.4; <paramref name="discarding"/> runs first); a persistent one, a clean start with an
    /// expiry included (a new session, kept after the connection), is opened with its expiry interval.
    /// </summary>
    public async Task ConnectingAsync(string client, MqttProtocolVersion version, bool cleanStart, uint expiryInterval, Action discarding)
    {
        var persistent = version == MqttProtocolVersion.V500 ? expiryInterval > 0 : !cleanStart;
        _persistent[client] = persistent;
        if (journal is null)
        {
            return;
        }

        if (cleanStart || !persistent)
        {
            discarding();
            await journal.ForgetAsync(client, CancellationToken.None);
        }

        if (persistent)
        {
            // MQTT 3.1.1 has no expiry, and MQTT 5's 0xFFFFFFFF means never.
            var expiry = version == MqttProtocolVersion.V500 && expiryInterval != uint.MaxValue ? TimeSpan.FromSeconds(expiryInterval) : (TimeSpan?)null;
            _expiry[client] = expiry;
            await journal.SessionOpenedAsync(client, expiry, CancellationToken.None);
        }
    }

    /// <summary>
    /// Opens the session again once connected: the connection it replaces may have ended (and been journaled "gone")
    /// after this one was validated, as in a takeover, whose old connection's end MQTTnet reports before this one.
    /// </summary>
    public async Task ConnectedAsync(string client)
    {
        _connections.AddOrUpdate(client, 1, (_, n) => n + 1);
        if (journal is not null && IsPersistent(client) && _expiry.TryGetValue(client, out var expiry))
        {
            await journal.SessionOpenedAsync(client, expiry, CancellationToken.None);
        }
    }

    /// <summary>
    /// A connection ended. The expiry interval of a persistent session runs from when its last connection ended; a
    /// takeover's old one does not count (the session is not away: its new connection is being made).
    /// </summary>
    /// <returns>Whether that connection is done with: its last, or one taken over.</returns>
    public async Task<bool> DisconnectedAsync(string client, MqttClientDisconnectType type)
    {
        var left = _connections.AddOrUpdate(client, 0, (_, n) => Math.Max(0, n - 1));
        if (type == MqttClientDisconnectType.Takeover)
        {
            return true;
        }

        if (left > 0)
        {
            return false;
        }

        _connections.TryRemove(new KeyValuePair<string, int>(client, 0));
        if (journal is not null && IsPersistent(client))
        {
            await journal.SessionClosedAsync(client, Now, CancellationToken.None);
        }

        return true;
    }

    /// <summary>Forgets, in the journal, the sessions away for longer than their expiry interval (none connected); returns them.</summary>
    public Task<List<string>> ForgetExpiredAsync() =>
        journal!.ForgetExpiredAsync(Now, IsConnected, CancellationToken.None);

    /// <summary>
    /// Ends an expired session in MQTTnet too, which keeps sessions until deleted; not one whose client connected again
    /// meanwhile (MQTTnet's delete would end its connection).
    /// </summary>
    public static async Task DeleteFromServerAsync(MqttServer server, string client)
    {
        if (server.IsStarted && !(await server.GetClientsAsync()).Any(c => c.Id == client))
        {
            var sessions = await server.GetSessionsAsync();
            if (sessions.FirstOrDefault(s => s.Id == client) is { } session)
            {
                await session.DeleteAsync();
            }
        }
    }

    public void Clear()
    {
        _persistent.Clear();
        _connections.Clear();
        _expiry.Clear();
    }
}
