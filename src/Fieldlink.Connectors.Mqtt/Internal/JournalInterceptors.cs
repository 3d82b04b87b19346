using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// The embedded broker's handlers of MQTTnet's events that keep the <see cref="BrokerJournal"/>: what a persistent
/// session is to receive is journaled before the publisher's PUBACK (<see cref="PubAckGate"/>), each packet's
/// acknowledgement or refusal marks its own entry (<see cref="JournalDeliveries"/>), subscriptions are journaled, and
/// what a session is owed is handed over (<see cref="JournalReplay"/>) when it subscribes or its acknowledgements make room.
/// </summary>
/// <remarks>Thread-safe, as MQTTnet raises its events from every connection at once.</remarks>
internal sealed class JournalInterceptors(MqttServer server, BrokerJournal journal, SessionExpiry sessions, PubAckGate acks, int queueLimit, ILogger logger) : IDisposable
{
    // The clients with journaled messages held back or refused by a full queue since their last SUBSCRIBE: event 6505 once, not each time.
    private readonly ConcurrentDictionary<string, bool> _overflowing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Client, string Filter), bool> _subscribedThisRun = new();
    private readonly JournalDeliveries _deliveries = new();
    private readonly JournalReplay _replay = new(server, journal, queueLimit, logger);

    /// <summary>Registers the handlers with the server's events.</summary>
    public void Attach()
    {
        server.InterceptingPublishAsync += OnPublishingAsync;
        server.InterceptingClientEnqueueAsync += OnEnqueueingAsync;
        server.ApplicationMessageEnqueuedOrDroppedAsync += OnEnqueuedOrDroppedAsync;
        server.InterceptingOutboundPacketAsync += OnSendingAsync;
        server.ClientAcknowledgedPublishPacketAsync += OnAcknowledgedAsync;
        server.ClientSubscribedTopicAsync += OnSubscribedAsync;
        server.ClientUnsubscribedTopicAsync += OnUnsubscribedAsync;
        server.SessionDeletedAsync += OnSessionDeletedAsync;
    }

    /// <summary>A session's state is discarded (a clean start, or a session not persistent): it has subscribed to nothing this run.</summary>
    public void Discard(string client)
    {
        foreach (var key in _subscribedThisRun.Keys.Where(k => k.Client == client))
        {
            _subscribedThisRun.TryRemove(key, out _);
        }

        _deliveries.Forget(client);
    }

    public void Dispose() => _replay.Dispose();

    /// <summary>Before the publisher's PUBACK (<see cref="PubAckGate"/>): owes the message to persistent sessions that have not subscribed again since a restart.</summary>
    private async Task OnPublishingAsync(InterceptingPublishEventArgs args)
    {
        var message = args.ApplicationMessage;
        if (message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce)
        {
            return;
        }

        // Replays too: their packets must be known by their entry as well.
        _deliveries.Tag(message);
        if (JournalReplay.IsReplay(args.ClientId))
        {
            return;
        }

        try
        {
            await ForgetExpiredAsync();
            foreach (var (client, qos) in journal.Subscribers(message.Topic))
            {
                var level = Math.Min(qos, (int)message.QualityOfServiceLevel);
                if (level > 0 && !SubscribedThisRun(client, message.Topic))
                {
                    acks.Journaled(args.ClientId, (await journal.AddAsync(client, message, level, owed: true, queueLimit, args.CancellationToken)).Line);
                    if (SubscribedThisRun(client, message.Topic))
                    {
                        // It subscribed while the entry was written: hand it over now rather than at its next restart.
                        _ = _replay.ReplayAsync(client);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // As in OnEnqueueingAsync: MQTTnet would log this and acknowledge the message all the same.
            acks.Failed(args.ClientId);
            MqttLog.BrokerJournalFailed(logger, ex, args.ClientId ?? "(unknown)");
        }
    }

    /// <summary>
    /// Before the publisher's PUBACK (<see cref="PubAckGate"/>): journals the message a persistent session is about to
    /// be sent. One that would put more of the session's entries in MQTTnet's hands than its queue limit is journaled
    /// owed and kept out of MQTTnet's queue: MQTTnet queues every unacknowledged message again when the session
    /// reconnects and drops those beyond the limit without a word, so it follows once acknowledgements make room.
    /// </summary>
    private async Task OnEnqueueingAsync(InterceptingClientApplicationMessageEnqueueEventArgs args)
    {
        if (JournalReplay.IsReplay(args.SenderClientId))
        {
            // A message sent again from the journal goes to the session it is owed to, and to no other.
            var seq = JournalReplay.Sequence(args.SenderClientId!);
            args.AcceptEnqueue = seq is { } entry && journal.MarkOwed(entry, args.ReceiverClientId, owed: false);
            if (args.AcceptEnqueue)
            {
                _deliveries.Handed(args.ApplicationMessage, args.ReceiverClientId, seq!.Value);
            }

            return;
        }

        var message = args.ApplicationMessage;
        if (message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce || !sessions.IsPersistent(args.ReceiverClientId))
        {
            return;
        }

        try
        {
            var level = Math.Min(journal.SubscribedQos(args.ReceiverClientId, message.Topic), (int)message.QualityOfServiceLevel);
            if (level > 0)
            {
                var added = await journal.AddAsync(args.ReceiverClientId, message, level, owed: false, queueLimit, CancellationToken.None);
                acks.Journaled(args.SenderClientId, added.Line);
                if (added.Owed)
                {
                    args.AcceptEnqueue = false;
                    HeldBack(args.ReceiverClientId);
                }
                else
                {
                    _deliveries.Handed(message, args.ReceiverClientId, added.Seq);
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // MQTTnet logs an exception from here and acknowledges the message all the same: the publisher's
            // acknowledgement is withheld instead, and it sends the message again on its next connection.
            acks.Failed(args.SenderClientId);
            MqttLog.BrokerJournalFailed(logger, ex, args.SenderClientId ?? args.ReceiverClientId);
        }
    }

    /// <summary>
    /// MQTTnet refused a message a place in a session's queue (it held <see cref="MqttOptions.BrokerMaxQueuedMessages"/>):
    /// a journaled one is owed again, and goes once acknowledgements make room (or at the next subscription) rather
    /// than being lost until a restart.
    /// </summary>
    private Task OnEnqueuedOrDroppedAsync(ApplicationMessageEnqueuedEventArgs args)
    {
        if (args.IsDropped && _deliveries.Refused(args.ApplicationMessage, args.ReceiverClientId) is { } seq && journal.MarkOwed(seq, args.ReceiverClientId, owed: true))
        {
            HeldBack(args.ReceiverClientId);
        }

        return Task.CompletedTask;
    }

    private Task OnSendingAsync(InterceptingPacketEventArgs args)
    {
        if (args.Packet is MqttPublishPacket publish)
        {
            _deliveries.Sending(publish, args.ClientId);
        }

        return Task.CompletedTask;
    }

    private async Task OnAcknowledgedAsync(ClientAcknowledgedPublishPacketEventArgs args)
    {
        if (_deliveries.Acknowledged(args.PublishPacket) is { } seq)
        {
            await journal.AcknowledgedAsync(args.ClientId, seq, CancellationToken.None);
        }

        _replay.Acknowledged(args.ClientId);
    }

    private async Task OnSubscribedAsync(ClientSubscribedTopicEventArgs args)
    {
        var filter = args.TopicFilter.Topic;
        _subscribedThisRun[(args.ClientId, filter)] = true;
        _overflowing.TryRemove(args.ClientId, out _);
        if (sessions.IsPersistent(args.ClientId))
        {
            await journal.SubscribedAsync(args.ClientId, filter, (int)args.TopicFilter.QualityOfServiceLevel, CancellationToken.None);
        }

        if (journal.Owed(args.ClientId).Count > 0)
        {
            // Not from within the event: the session's subscriptions are still being changed.
            _ = _replay.ReplayAsync(args.ClientId);
        }
    }

    private async Task OnUnsubscribedAsync(ClientUnsubscribedTopicEventArgs args)
    {
        _subscribedThisRun.TryRemove((args.ClientId, args.TopicFilter), out _);
        await journal.UnsubscribedAsync(args.ClientId, args.TopicFilter, CancellationToken.None);
    }

    private async Task OnSessionDeletedAsync(SessionDeletedEventArgs args)
    {
        Discard(args.Id);
        await journal.ForgetAsync(args.Id, CancellationToken.None);
    }

    /// <summary>A journaled message of <paramref name="client"/> is owed, not queued: it follows as acknowledgements make room. Logged once a client until its next subscription.</summary>
    private void HeldBack(string client)
    {
        _replay.AfterAcknowledgements(client);
        if (_overflowing.TryAdd(client, true))
        {
            MqttLog.BrokerQueueOverflowed(logger, client, queueLimit);
        }
    }

    /// <summary>Forgets the sessions away for longer than their expiry interval, in MQTTnet (which keeps them) and in the journal.</summary>
    private async Task ForgetExpiredAsync()
    {
        foreach (var client in await sessions.ForgetExpiredAsync())
        {
            // MQTTnet's copy goes in the background: it takes MQTTnet's sessions lock, which a publish may be under.
            _ = DeleteSessionAsync(client);
            Discard(client);
            MqttLog.BrokerSessionExpired(logger, client);
        }
    }

    private async Task DeleteSessionAsync(string client)
    {
        await Task.Yield();
        try
        {
            await SessionExpiry.DeleteFromServerAsync(server, client);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // MQTTnet keeps the session in memory until the process ends; the journal owes it nothing any more.
            MqttLog.BrokerSessionDeleteFailed(logger, ex, client);
        }
    }

    private bool SubscribedThisRun(string client, string topic) =>
        _subscribedThisRun.Keys.Any(k => k.Client == client && MqttTopicFilterComparer.Compare(topic, k.Filter) == MqttTopicFilterCompareResult.IsMatch);
}
