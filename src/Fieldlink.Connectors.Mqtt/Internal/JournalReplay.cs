using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// Hands a persistent session what the <see cref="BrokerJournal"/> says it is owed (messages from before a restart, or
/// refused by its full queue), by injecting them into MQTTnet under a sender id that carries the entry's sequence
/// number, so the enqueue interceptor lets each reach its own session only. A pass injects no more than the session's
/// queue has room for (its limit less the entries in MQTTnet's hands, <see cref="BrokerJournal.InHands"/>); the rest follows in another pass once the session's acknowledgements have made room, rather
/// than waiting, owed, for its next SUBSCRIBE.
/// </summary>
/// <remarks>Thread-safe; one pass at a time.</remarks>
internal sealed class JournalReplay(MqttServer server, BrokerJournal journal, int queueLimit, ILogger logger) : IDisposable
{
    private const string Sender = "$fieldlink-journal/";

    private readonly SemaphoreSlim _replaying = new(1, 1);

    // Per client owed more than its queue had room for: how many more of its acknowledgements (each a free place in
    // the queue) until the next pass.
    private readonly ConcurrentDictionary<string, int> _afterAcks = new(StringComparer.Ordinal);

    /// <summary>Whether a message's sender is a replay (not a client), which only its own session may receive.</summary>
    public static bool IsReplay(string? senderClientId) => senderClientId?.StartsWith(Sender, StringComparison.Ordinal) == true;

    /// <summary>The journal entry a replayed message's sender id names.</summary>
    public static long? Sequence(string senderClientId) =>
        long.TryParse(senderClientId.AsSpan(Sender.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : null;

    /// <summary>
    /// <paramref name="client"/> is owed more than its queue holds: another pass follows once half the queue's limit
    /// has been acknowledged, and so has left it (an unchanged count if one is due already).
    /// </summary>
    public void AfterAcknowledgements(string client) => _afterAcks.TryAdd(client, Math.Max(1, queueLimit / 2));

    /// <summary><paramref name="client"/> acknowledged a message: a place in its queue is free.</summary>
    public void Acknowledged(string client)
    {
        if (_afterAcks.ContainsKey(client) && _afterAcks.AddOrUpdate(client, 0, (_, n) => n - 1) <= 0 && _afterAcks.TryRemove(client, out _))
        {
            _ = ReplayAsync(client);
        }
    }

    /// <summary>Sends <paramref name="client"/> what it is owed, oldest first; an entry none of its subscriptions matches yet stays owed.</summary>
    public async Task ReplayAsync(string client)
    {
        await Task.Yield();
        await _replaying.WaitAsync();
        try
        {
            if (!server.IsStarted)
            {
                return;
            }

            // No more than the session's queue has room for, counting what it was sent and has not acknowledged:
            // MQTTnet queues all of that again when the session reconnects, and silently drops what is beyond its limit.
            var owed = journal.Owed(client);
            var room = Math.Max(0, queueLimit - journal.InHands(client));
            if (owed.Count > room)
            {
                AfterAcknowledgements(client);
                owed = owed[..room];
            }

            foreach (var entry in owed)
            {
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(entry.Topic)
                    .WithPayload(entry.Payload)
                    .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)entry.Qos)
                    .WithContentType(entry.ContentType)
                    .Build();
                await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = Sender + entry.Seq.ToString(CultureInfo.InvariantCulture) });
            }

            var handed = owed.Count(e => !e.Owed);
            MqttLog.BrokerReplayed(logger, client, handed);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // What was not handed over stays owed, and goes at the session's next subscription.
            MqttLog.BrokerReplayFailed(logger, ex, client);
        }
        finally
        {
            _replaying.Release();
        }
    }

    public void Dispose() => _replaying.Dispose();
}
