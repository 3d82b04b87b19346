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
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _stopGate = new();
    private MqttServer? _server;
    private BrokerJournal? _journal;
    private JournalInterceptors? _interceptors;
    private PubAckGate? _acks;
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
            foreach (var client in _journal.UnrecordedAtOpen)
            {
                MqttLog.BrokerSessionUnrecorded(logger, client, (long)JournalSessions.UnrecordedExpiry.TotalSeconds);
            }

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
            _server.ClientConnectedAsync += OnConnectedAsync;
            _server.ClientDisconnectedAsync += OnDisconnectedAsync;
            var acks = new PubAckGate(_journal, DisconnectPublisherAsync);
            _server.InterceptingOutboundPacketAsync += acks.BeforeSendingAsync;
            _interceptors = new JournalInterceptors(_server, _journal, _sessions, acks, options.Value.BrokerMaxQueuedMessages, logger);
            _interceptors.Attach();
            _acks = acks;
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
        _sessions.Clear();
        _interceptors?.Dispose();
        _interceptors = null;
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

        await _sessions.ConnectingAsync(args.ClientId, args.ProtocolVersion, args.CleanSession == true, args.SessionExpiryInterval, () => _interceptors?.Discard(args.ClientId));
    }

    private Task OnConnectedAsync(ClientConnectedEventArgs args) => _sessions.ConnectedAsync(args.ClientId);

    private async Task OnDisconnectedAsync(ClientDisconnectedEventArgs args)
    {
        if (await _sessions.DisconnectedAsync(args.ClientId, args.DisconnectType))
        {
            _acks?.Gone(args.ClientId);
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
}
