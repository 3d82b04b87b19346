using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using Fieldlink.Connectors.Mqtt.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Fieldlink.Connectors.Mqtt;

/// <summary>
/// The in-process MQTTnet broker of <c>fieldlink serve --mqtt-broker embedded[:port]</c> (and <c>--demo</c>): on the
/// loopback address, anonymous, with persistent sessions. Does nothing when <see cref="MqttOptions.Broker"/> is empty.
/// </summary>
/// <remarks>
/// A message acknowledged to a device is not lost across a restart: every QoS 1 or 2 message a persistent session is
/// to receive is written to a journal in <see cref="MqttOptions.DataDirectory"/> and flushed to disk before the
/// publisher gets its PUBACK, and stays there until that session acknowledges it (Fieldlink's MQTT connector does so
/// only once the message is stored). The sessions' subscriptions are journaled too, so a message published after a
/// restart, before the session is back, is owed to it as well. When a session subscribes after a restart, the broker
/// sends it what it is owed, oldest first. Delivery stays at least once: a message acknowledged but not yet marked
/// done when the process died comes again. A persistent session away for longer than its session expiry interval has
/// ended, as MQTT 5 has it, and is owed nothing more; MQTT 3.1.1 sessions, and MQTT 5 ones with 0xFFFFFFFF, stay.
/// </remarks>
/// <param name="options">The broker's options.</param>
/// <param name="logger">Where the broker logs.</param>
/// <param name="time">The clock sessions expire by; the system's when not given.</param>
public sealed class EmbeddedMqttBroker(IOptions<MqttOptions> options, ILogger<EmbeddedMqttBroker> logger, TimeProvider? time = null) : IHostedService, IAsyncDisposable
{
    // The clients whose full queue refused a journaled message since their last SUBSCRIBE: event 6505 once, not each time.
    private readonly ConcurrentDictionary<string, bool> _overflowing = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<(string Client, string Filter), bool> _subscribedThisRun = new();
    private readonly Lock _stopGate = new();
    private MqttServer? _server;
    private BrokerJournal? _journal;
    private PubAckGate? _acks;
    private JournalReplay? _replay;
    private SessionExpiry _sessions = new(null, TimeProvider.System);
    private Task? _stopping;

    /// <summary>The port the broker listens on, or null when it does not run.</summary>
    public int? Port => _server is null ? null : options.Value.EmbeddedBrokerPort;

    /// <summary>How many messages the journal holds for persistent sessions (owed, or sent and not yet acknowledged).</summary>
    public int PendingMessages => _journal?.PendingCount ?? 0;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_stopGate)
        {
            _stopping = null;
        }

        if (options.Value.EmbeddedBrokerPort is not { } port)
        {
            return;
        }

        if (options.Value.DataDirectory is { Length: > 0 } directory)
        {
            _journal = await BrokerJournal.OpenAsync(Path.Combine(directory, "mqtt", "sessions.journal"), _time.GetUtcNow(), cancellationToken);
            _acks = new PubAckGate(_journal, DisconnectPublisherAsync);
            foreach (var client in _journal.ExpiredAtOpen)
            {
                MqttLog.BrokerSessionExpired(logger, client);
            }
        }

        _sessions = new SessionExpiry(_journal, _time);
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(options.Value.BrokerMaxQueuedMessages)

            // Not MQTTnet's default, DropOldestQueuedMessage: a dropped oldest packet stays in the session's list of
            // unacknowledged ones (never freed, sent again at the next reconnection, its packet id reused meanwhile).
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropNewMessage)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += OnConnectingAsync;
        if (_journal is not null)
        {
            _server.InterceptingPublishAsync += OnPublishingAsync;
            _server.InterceptingClientEnqueueAsync += OnEnqueueingAsync;
            _server.ClientAcknowledgedPublishPacketAsync += OnAcknowledgedAsync;
            _server.ClientSubscribedTopicAsync += OnSubscribedAsync;
            _server.ClientUnsubscribedTopicAsync += OnUnsubscribedAsync;
            _server.SessionDeletedAsync += OnSessionDeletedAsync;
            _server.ClientConnectedAsync += OnConnectedAsync;
            _server.ClientDisconnectedAsync += OnDisconnectedAsync;
            _server.ApplicationMessageEnqueuedOrDroppedAsync += OnQueueOverflowedAsync;
            _server.InterceptingOutboundPacketAsync += _acks!.BeforeSendingAsync;
            _replay = new JournalReplay(_server, _journal, options.Value.BrokerMaxQueuedMessages, logger);
        }

        await _server.StartAsync();
        MqttLog.BrokerStarted(logger, port);
    }

    /// <summary>
    /// Stops the broker once: a host stopped twice (a test server disposed after it was stopped) shares the first stop.
    /// Two of MQTTnet's stops at once race in its listener's clean-up ("Collection was modified").
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopGate)
        {
            return _stopping ??= StopServerAsync();
        }
    }

    private async Task StopServerAsync()
    {
        if (_server is { IsStarted: true } server)
        {
            await server.StopAsync();
            MqttLog.BrokerStopped(logger);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);

        _server?.Dispose();
        _server = null;
        _journal?.Dispose();
        _journal = null;
        _subscribedThisRun.Clear();
        _sessions.Clear();
        _overflowing.Clear();
        _replay?.Dispose();
        _replay = null;
        _acks = null;
    }

    private async Task OnConnectingAsync(ValidatingConnectionEventArgs args)
    {
        // An MQTT 5 client may leave its id empty for the broker to choose (MQTTnet refuses an empty id over 3.1.1).
        if (string.IsNullOrEmpty(args.ClientId))
        {
            args.AssignedClientIdentifier = "anonymous-" + Guid.NewGuid().ToString("N");
            return;
        }

        await _sessions.ConnectingAsync(args.ClientId, args.ProtocolVersion, args.CleanSession == true, args.SessionExpiryInterval, () =>
        {
            foreach (var key in _subscribedThisRun.Keys.Where(k => k.Client == args.ClientId))
            {
                _subscribedThisRun.TryRemove(key, out _);
            }
        });
    }

    private Task OnConnectedAsync(ClientConnectedEventArgs args) => _sessions.ConnectedAsync(args.ClientId);

    private async Task OnDisconnectedAsync(ClientDisconnectedEventArgs args)
    {
        if (await _sessions.DisconnectedAsync(args.ClientId, args.DisconnectType))
        {
            _acks?.Gone(args.ClientId);
        }
    }

    /// <summary>
    /// MQTTnet refused a message a place in a session's queue (it held <see cref="MqttOptions.BrokerMaxQueuedMessages"/>):
    /// a journaled one is owed again, and goes once acknowledgements make room (or at the next subscription) rather
    /// than being lost until a restart. Logged once a client until then, not once a message.
    /// </summary>
    private Task OnQueueOverflowedAsync(ApplicationMessageEnqueuedEventArgs args)
    {
        var message = args.ApplicationMessage;
        if (args.IsDropped && message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce
            && _journal?.Requeue(args.ReceiverClientId, message.Topic, message.Payload.ToArray()) == true)
        {
            _replay?.AfterAcknowledgements(args.ReceiverClientId);
            if (_overflowing.TryAdd(args.ReceiverClientId, true))
            {
                MqttLog.BrokerQueueOverflowed(logger, args.ReceiverClientId, options.Value.BrokerMaxQueuedMessages);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Forgets the sessions away for longer than their expiry interval, in MQTTnet (which keeps them) and in the journal.</summary>
    private async Task ForgetExpiredAsync()
    {
        var expired = await _sessions.ForgetExpiredAsync();
        foreach (var client in expired)
        {
            // MQTTnet's copy goes in the background: it takes MQTTnet's sessions lock, which a publish may be under.
            _ = DeleteSessionAsync(client);

            foreach (var key in _subscribedThisRun.Keys.Where(k => k.Client == client))
            {
                _subscribedThisRun.TryRemove(key, out _);
            }

            MqttLog.BrokerSessionExpired(logger, client);
        }
    }

    private async Task DisconnectPublisherAsync(string client)
    {
        try
        {
            if (_server is { IsStarted: true } server)
            {
                await server.DisconnectClientAsync(client, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.UnspecifiedError });
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            MqttLog.BrokerJournalFailed(logger, ex, client);
        }
    }

    private async Task DeleteSessionAsync(string client)
    {
        await Task.Yield();
        try
        {
            if (_server is { } server)
            {
                await SessionExpiry.DeleteFromServerAsync(server, client);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // MQTTnet keeps the session in memory until the process ends; the journal owes it nothing any more.
            MqttLog.BrokerSessionDeleteFailed(logger, ex, client);
        }
    }

    /// <summary>Before the publisher's PUBACK (<see cref="PubAckGate"/>): owes the message to persistent sessions that have not subscribed again since a restart.</summary>
    private async Task OnPublishingAsync(InterceptingPublishEventArgs args)
    {
        var message = args.ApplicationMessage;
        if (JournalReplay.IsReplay(args.ClientId) || message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce)
        {
            return;
        }

        try
        {
            await ForgetExpiredAsync();
            foreach (var (client, qos) in _journal!.Subscribers(message.Topic))
            {
                var level = Math.Min(qos, (int)message.QualityOfServiceLevel);
                if (level > 0 && !SubscribedThisRun(client, message.Topic))
                {
                    _acks!.Journaled(args.ClientId, await _journal.AddAsync(client, message, level, owed: true, args.CancellationToken));
                    if (SubscribedThisRun(client, message.Topic))
                    {
                        // It subscribed while the entry was written: hand it over now rather than at its next restart.
                        _ = _replay!.ReplayAsync(client);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // As in OnEnqueueingAsync: MQTTnet would log this and acknowledge the message all the same.
            _acks!.Failed(args.ClientId);
            MqttLog.BrokerJournalFailed(logger, ex, args.ClientId ?? "(unknown)");
        }
    }

    /// <summary>Before the publisher's PUBACK (<see cref="PubAckGate"/>): journals the message a persistent session is about to be sent.</summary>
    private async Task OnEnqueueingAsync(InterceptingClientApplicationMessageEnqueueEventArgs args)
    {
        if (JournalReplay.IsReplay(args.SenderClientId))
        {
            // A message sent again from the journal goes to the session it is owed to, and to no other.
            var entry = JournalReplay.Sequence(args.SenderClientId!) is { } seq ? _journal!.Find(seq) : null;
            args.AcceptEnqueue = entry is not null && entry.To == args.ReceiverClientId;
            if (args.AcceptEnqueue)
            {
                entry!.Owed = false;
            }

            return;
        }

        var message = args.ApplicationMessage;
        if (message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce || !_sessions.IsPersistent(args.ReceiverClientId))
        {
            return;
        }

        try
        {
            var level = Math.Min(_journal!.SubscribedQos(args.ReceiverClientId, message.Topic), (int)message.QualityOfServiceLevel);
            if (level > 0)
            {
                _acks!.Journaled(args.SenderClientId, await _journal.AddAsync(args.ReceiverClientId, message, level, owed: false, CancellationToken.None));
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // MQTTnet logs an exception from here and acknowledges the message all the same: the publisher's
            // acknowledgement is withheld instead, and it sends the message again on its next connection.
            _acks!.Failed(args.SenderClientId);
            MqttLog.BrokerJournalFailed(logger, ex, args.SenderClientId ?? args.ReceiverClientId);
        }
    }

    private async Task OnAcknowledgedAsync(ClientAcknowledgedPublishPacketEventArgs args)
    {
        await _journal!.AcknowledgedAsync(args.ClientId, args.PublishPacket.Topic, args.PublishPacket.Payload.ToArray(), CancellationToken.None);
        _replay!.Acknowledged(args.ClientId);
    }

    private async Task OnSubscribedAsync(ClientSubscribedTopicEventArgs args)
    {
        var filter = args.TopicFilter.Topic;
        _subscribedThisRun[(args.ClientId, filter)] = true;
        _overflowing.TryRemove(args.ClientId, out _);
        if (_sessions.IsPersistent(args.ClientId))
        {
            await _journal!.SubscribedAsync(args.ClientId, filter, (int)args.TopicFilter.QualityOfServiceLevel, CancellationToken.None);
        }

        if (_journal!.Owed(args.ClientId).Count > 0)
        {
            // Not from within the event: the session's subscriptions are still being changed.
            _ = _replay!.ReplayAsync(args.ClientId);
        }
    }

    private async Task OnUnsubscribedAsync(ClientUnsubscribedTopicEventArgs args)
    {
        _subscribedThisRun.TryRemove((args.ClientId, args.TopicFilter), out _);
        await _journal!.UnsubscribedAsync(args.ClientId, args.TopicFilter, CancellationToken.None);
    }

    private async Task OnSessionDeletedAsync(SessionDeletedEventArgs args)
    {
        foreach (var key in _subscribedThisRun.Keys.Where(k => k.Client == args.Id))
        {
            _subscribedThisRun.TryRemove(key, out _);
        }

        await _journal!.ForgetAsync(args.Id, CancellationToken.None);
    }

    private bool SubscribedThisRun(string client, string topic) =>
        _subscribedThisRun.Keys.Any(k => k.Client == client && MqttTopicFilterComparer.Compare(topic, k.Filter) == MqttTopicFilterCompareResult.IsMatch);
}
