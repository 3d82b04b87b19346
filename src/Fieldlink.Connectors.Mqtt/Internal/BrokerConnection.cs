using Fieldlink.Sdk;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// The instance's client of the broker, kept connected: connects and subscribes, and after a lost connection tries
/// again with backoff and jitter until it is back. Each connection has a number, so a message is acknowledged only on
/// the connection it came on. It reports the connection through the sink as it goes: Connecting before the first attempt,
/// Connected once subscribed, Disconnected with the broker's or the socket's words when an attempt fails or the
/// connection is lost (and stays Disconnected through the retries, so its <c>since</c> tells how long).
/// </summary>
internal sealed class BrokerConnection
{
    private readonly MqttSettings _settings;
    private readonly ConnectorContext _context;
    private readonly ILogger _logger;
    private readonly TopicRouter _router;
    private readonly MqttClientOptions _options;
    private readonly CancellationToken _stopping;
    private readonly bool _reports;
    private TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _number;

    public BrokerConnection(MqttSettings settings, ConnectorContext context, ILogger logger, TopicRouter router, string clientId, string? sharedGroup, CancellationToken stopping, bool reportsConnection = true)
    {
        _reports = reportsConnection;
        _settings = settings;
        _context = context;
        _logger = logger;
        _router = router;
        _stopping = stopping;
        ClientId = clientId;
        SharedGroup = sharedGroup;
        _options = ClientOptions.Build(settings, clientId);
        Client = new MqttClientFactory().CreateMqttClient();
        Client.DisconnectedAsync += OnDisconnectedAsync;
    }

    public IMqttClient Client { get; }

    public string ClientId { get; }

    public string? SharedGroup { get; }

    /// <summary>The number of the current connection (or of the attempt under way).</summary>
    public long Number => Volatile.Read(ref _number);

    /// <summary>The loop that keeps the connection, once started; it ends when the instance stops.</summary>
    public Task Keeping { get; private set; } = Task.CompletedTask;

    /// <summary>Tries to connect once, and then keeps connected in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var backoff = Backoff.For(_settings);
        _context.Sink.ReportConnection(InstanceConnectionState.Connecting);
        try
        {
            await ConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            MqttLog.ConnectFailed(_logger, ex, _context.ProviderInstanceName, _settings.Host, _settings.Port, 0);
            _context.Sink.ReportConnection(InstanceConnectionState.Disconnected, ConnectionError.Of(ex, _settings.Host, _settings.Port));
        }

        Keeping = KeepConnectedAsync(backoff, _stopping);
    }

    /// <summary>Disconnects normally, within five seconds, and disposes the client; called once the loops have ended.</summary>
    public async Task CloseAsync()
    {
        try
        {
            if (Client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await Client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            MqttLog.Disconnected(_logger, _context.ProviderInstanceName, ex.Message);
        }

        Client.Dispose();
    }

    /// <summary>
    /// Connects once with the persistent session of its client id, without subscribing nor reporting the connection:
    /// for taking over a dead process's session, whose subscriptions the broker still holds. True when the broker had
    /// the session.
    /// </summary>
    public async Task<bool> ResumeSessionAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _number);
        var connected = await Client.ConnectAsync(_options, cancellationToken);
        return connected.IsSessionPresent;
    }

    /// <summary>
    /// Disconnects and ends the session, so the broker keeps no more messages for the client id: MQTT 5 sets the
    /// session expiry to 0 on the DISCONNECT; MQTT 3.1.1 connects once more with a clean session, which discards it.
    /// </summary>
    public async Task EndSessionAsync(CancellationToken cancellationToken)
    {
        if (_settings.MqttVersion == "5")
        {
            if (Client.IsConnected)
            {
                await Client.DisconnectAsync(
                    new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).WithSessionExpiryInterval(0).Build(),
                    cancellationToken);
                return;
            }

            // Lost meanwhile: connect once with a clean start and no expiry, which ends the session as well.
        }
        else if (Client.IsConnected)
        {
            await Client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken);
        }

        var clean = ClientOptions.Build(_settings, ClientId);
        clean.CleanSession = true;
        clean.SessionExpiryInterval = 0;
        await Client.ConnectAsync(clean, cancellationToken);
        await Client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken);
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        // A new number before CONNECT, so what the broker sends on this connection is acknowledged on it, and what
        // came on an earlier one is not (its packet ids mean nothing here).
        Interlocked.Increment(ref _number);
        var connected = await Client.ConnectAsync(_options, cancellationToken);
        var shared = SharedGroup is not null;
        if (shared && !connected.SharedSubscriptionAvailable)
        {
            MqttLog.SharedUnavailable(_logger, _context.ProviderInstanceName);
            shared = false;
        }

        var qos = (MqttQualityOfServiceLevel)_settings.Qos;
        var filters = _router.Filters.Select(f => shared && f.Shareable ? $"$share/{SharedGroup}/{f.Filter}" : f.Filter).ToList();
        // Subscribed on every connection, a present session too: Mosquitto does not persist shared subscriptions, so
        // after its restart the session is back without them, and readings have no subscriber until this SUBSCRIBE.
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            subscribe.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(qos));
        }

        try
        {
            var subscribed = await Client.SubscribeAsync(subscribe.Build(), cancellationToken);
            if (subscribed.Items.FirstOrDefault(i => (int)i.ResultCode > 2) is { } refused)
            {
                throw new ConnectorException($"The broker refused the subscription to '{refused.TopicFilter.Topic}': {refused.ResultCode}.", isTransient: true);
            }
        }
        catch
        {
            // Connected but not subscribed is no state to stay in: drop the connection, and the next attempt subscribes.
            await Client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
            throw;
        }

        var subscriptions = string.Join(", ", filters);
        _context.Sink.ReportConnection(InstanceConnectionState.Connected);
        MqttLog.Connected(_logger, _context.ProviderInstanceName, _settings.Host, _settings.Port, ClientId, connected.IsSessionPresent, subscriptions);
    }

    private async Task KeepConnectedAsync(Backoff backoff, CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                // A new signal before looking, so a connection lost after the look still wakes the wait.
                var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _lost, lost);
                if (Client.IsConnected)
                {
                    backoff.Reset();
                    await lost.Task.WaitAsync(stopping);
                    continue;
                }

                var delay = backoff.Next();
                await Task.Delay(delay, _context.Time, stopping);
                try
                {
                    await ConnectAsync(stopping);
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    MqttLog.ConnectFailed(_logger, ex, _context.ProviderInstanceName, _settings.Host, _settings.Port, (long)delay.TotalMilliseconds);
                    _context.Sink.ReportConnection(InstanceConnectionState.Disconnected, ConnectionError.Of(ex, _settings.Host, _settings.Port));
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (_reports && args.ClientWasConnected && !_stopping.IsCancellationRequested)
        {
            var reason = args.ReasonString ?? args.Reason.ToString();
            MqttLog.Disconnected(_logger, _context.ProviderInstanceName, reason);
            _context.Sink.ReportConnection(InstanceConnectionState.Disconnected, ConnectionError.OfLoss(args, _settings.Host, _settings.Port));
        }

        Volatile.Read(ref _lost).TrySetResult();
        return Task.CompletedTask;
    }
}
