using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Fieldlink.Connectors.Mqtt.Internal;
using Fieldlink.Sdk;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fieldlink.Connectors.Mqtt;

/// <summary>
/// One MQTT provider instance: a client of the broker that stays connected (reconnecting with backoff and jitter),
/// stores what devices publish in batches and acknowledges each message to the broker only once it is stored, and
/// publishes commands and device configurations. A message stored but not acknowledged before the connection was lost
/// comes again, so delivery is at least once.
/// </summary>
/// <remarks>Thread-safe: actions may be called concurrently.</remarks>
public sealed class MqttInstance : IConnectorInstance, IRegisterDevices, IPullDeviceData, ISendCommands
{
    private readonly MqttSettings _settings;
    private readonly ConnectorContext _context;
    private readonly ILogger _logger;
    private readonly TopicRouter _router;
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly Channel<Received> _inbox = Channel.CreateUnbounded<Received>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, DeviceView> _devices = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _connection;
    private Task _connecting = Task.CompletedTask;
    private Task _storing = Task.CompletedTask;
    private bool _started;
    private bool _disposed;

    internal MqttInstance(MqttSettings settings, ConnectorContext context, string node)
    {
        _settings = settings;
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<MqttInstance>();
        _router = new TopicRouter(settings);
        var stem = "fieldlink-" + context.ProviderInstanceId.ToString("N")[..12];
        ClientId = $"{settings.ClientId ?? stem}-{node}";
        SharedGroup = settings.MqttVersion == "5" && settings.SharedSubscriptionGroup != "" ? settings.SharedSubscriptionGroup ?? stem : null;
        _options = ClientOptions.Build(settings, ClientId);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnReceivedAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    /// <summary>The MQTT client id this process connects with: the settings' stem and this process's node name.</summary>
    public string ClientId { get; }

    /// <summary>The shared subscription group this instance subscribes in, or null when it does not share.</summary>
    public string? SharedGroup { get; }

    /// <summary>Whether the client is connected to the broker now.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Starts storing, tries to connect once, and then keeps connected in the background.</summary>
    /// <param name="cancellationToken">Cancels the first connection attempt.</param>
    /// <returns>A task that completes after the first attempt, connected or not.</returns>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                return;
            }

            _started = true;
            _storing = StoreReceivedAsync(_stopping.Token);
        }

        var backoff = NewBackoff();
        try
        {
            await ConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            MqttLog.ConnectFailed(_logger, ex, _context.ProviderInstanceName, _settings.Host, _settings.Port, 0);
        }

        _connecting = KeepConnectedAsync(backoff, _stopping.Token);
    }

    /// <summary>Publishes each device's configuration, retained, to the config topic; a device is Registered once the broker took it.</summary>
    /// <param name="devices">The devices.</param>
    /// <param name="cancellationToken">Cancelled when the action times out.</param>
    /// <returns>One result per device.</returns>
    public async Task<IReadOnlyList<RegistrationResult>> RegisterDevicesAsync(IReadOnlyList<DeviceRef> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var results = new List<RegistrationResult>(devices.Count);
        foreach (var device in devices)
        {
            var config = new JsonObject
            {
                ["deviceId"] = device.DeviceId,
                ["name"] = device.Name,
                ["timeZone"] = device.TimeZone,
                ["registeredAt"] = _context.Time.GetUtcNow(),
            };
            var refusal = await PublishAsync(_router.Config.Format(device.DeviceId), config, retain: true, cancellationToken);
            results.Add(refusal is null
                ? new RegistrationResult(device.Id, RegistrationStatus.Registered)
                : new RegistrationResult(device.Id, RegistrationStatus.Error, Message: refusal));
        }

        return results;
    }

    /// <summary>The properties and status each device last published (retained messages included), as this process received them.</summary>
    /// <param name="devices">The devices.</param>
    /// <param name="cancellationToken">Not used: the answer is in memory.</param>
    /// <returns>One answer per device; NotFound for a device that published nothing since the connector started.</returns>
    public Task<IReadOnlyList<DeviceData>> PullDeviceDataAsync(IReadOnlyList<DeviceRef> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        return Task.FromResult<IReadOnlyList<DeviceData>>([.. devices.Select(d => _devices.TryGetValue(d.DeviceId, out var view)
            ? view.ToData(d.Id)
            : new DeviceData(d.Id, DeviceDataStatus.NotFound, null, null, null, null,
                $"The device has published nothing on '{_router.Config.Format(d.DeviceId).Split('/')[0]}/...' (reported properties or status) since the connector started."))]);
    }

    /// <summary>Publishes <c>{"commandId", "name", "parameters", "expiresAt"?}</c> to the device's command topic; Sent once the broker acknowledged it.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancelled when the action times out.</param>
    /// <returns>Taken, or refused when the broker refused it or no one subscribes to the device's command topic.</returns>
    public async Task<CommandAcceptance> SendCommandAsync(DeviceCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var message = new JsonObject
        {
            ["commandId"] = command.CommandId,
            ["name"] = command.Name,
            ["parameters"] = command.Parameters.DeepClone(),
        };
        if (command.ExpiresAt is { } expiresAt)
        {
            message["expiresAt"] = expiresAt;
        }

        var refusal = await PublishAsync(_router.Command.Format(command.Device.DeviceId, command.CommandId), message, retain: false, cancellationToken);
        return refusal is null ? CommandAcceptance.Taken : CommandAcceptance.Refused(refusal);
    }

    /// <summary>Stops, leaving messages not yet stored unacknowledged for the broker to send again, and disconnects.</summary>
    /// <returns>A task that completes when nothing of the instance runs any more.</returns>
    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(_connecting, _storing);
        try
        {
            if (_client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            MqttLog.Disconnected(_logger, _context.ProviderInstanceName, ex.Message);
        }

        _client.Dispose();
        _stopping.Dispose();
    }

    private Backoff NewBackoff() => new(
        TimeSpan.FromMilliseconds(_settings.ReconnectMinDelayMilliseconds),
        TimeSpan.FromMilliseconds(_settings.ReconnectMaxDelayMilliseconds),
        new Random());

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        // A new number before CONNECT, so what the broker sends on this connection is acknowledged on it, and what
        // came on an earlier one is not (its packet ids mean nothing here).
        Interlocked.Increment(ref _connection);
        var connected = await _client.ConnectAsync(_options, cancellationToken);
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
            var subscribed = await _client.SubscribeAsync(subscribe.Build(), cancellationToken);
            if (subscribed.Items.FirstOrDefault(i => (int)i.ResultCode > 2) is { } refused)
            {
                throw new ConnectorException($"The broker refused the subscription to '{refused.TopicFilter.Topic}': {refused.ResultCode}.", isTransient: true);
            }
        }
        catch
        {
            // Connected but not subscribed is no state to stay in: drop the connection, and the next attempt subscribes.
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
            throw;
        }

        var subscriptions = string.Join(", ", filters);
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
                if (_client.IsConnected)
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
        if (args.ClientWasConnected && !_stopping.IsCancellationRequested)
        {
            var reason = args.ReasonString ?? args.Reason.ToString();
            MqttLog.Disconnected(_logger, _context.ProviderInstanceName, reason);
        }

        Volatile.Read(ref _lost).TrySetResult();
        return Task.CompletedTask;
    }

    private Task OnReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        // Acknowledged by StoreReceivedAsync once stored, not when this handler returns.
        args.AutoAcknowledge = false;
        var message = args.ApplicationMessage;
        _inbox.Writer.TryWrite(new Received(message.Topic, message.Payload.ToArray(), message.Retain, _context.Time.GetUtcNow(), Volatile.Read(ref _connection), args));
        return Task.CompletedTask;
    }

    private async Task StoreReceivedAsync(CancellationToken stopping)
    {
        var reader = _inbox.Reader;
        var messages = new List<Received>(_settings.MaxBatchSize);
        try
        {
            while (await reader.WaitToReadAsync(stopping))
            {
                messages.Clear();
                while (messages.Count < _settings.MaxBatchSize && reader.TryRead(out var message))
                {
                    messages.Add(message);
                }

                var batch = Batch.Sort(messages, _router);
                foreach (var dead in batch.DeadLetters)
                {
                    MqttLog.DeadLetter(_logger, _context.ProviderInstanceName, dead.Source, dead.Reason);
                }

                // Counted before they are stored, so a client that sees a message stored also sees it counted.
                MqttMetrics.Received(_context.ProviderInstanceName, messages.Count, batch.DeadLetters.Count);
                await StoreAsync(batch, messages.Count, stopping);
                Remember(batch.State);
                await AcknowledgeAsync(messages, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed: what was not stored stays unacknowledged, and the broker sends it again.
        }
    }

    /// <summary>
    /// Stores the batch, trying again with backoff while the store fails in a way that passes (the sink's
    /// <see cref="ConnectorException.IsTransient"/>, or the dead letters refused): the messages stay unacknowledged
    /// meanwhile. What the store refuses for good is a dead letter, so the batch is done and the stream goes on.
    /// </summary>
    private async Task StoreAsync(Batch batch, int count, CancellationToken stopping)
    {
        var backoff = NewBackoff();
        while (true)
        {
            try
            {
                await batch.StoreAsync(_context.Sink, (kind, ex) => MqttLog.StageRefused(_logger, ex, _context.ProviderInstanceName, kind), stopping);
                return;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                // A failure that passes, or not even the dead letters stored: either way the store is at fault, not a
                // message (those are dead letters by now), so nothing is acknowledged until the store takes them.
                var delay = backoff.Next();
                MqttLog.StoreFailed(_logger, ex, _context.ProviderInstanceName, count, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _context.Time, stopping);
            }
        }
    }

    private async Task AcknowledgeAsync(List<Received> messages, CancellationToken stopping)
    {
        foreach (var message in messages)
        {
            if (message.Connection != Volatile.Read(ref _connection) || !_client.IsConnected)
            {
                MqttLog.AckSkipped(_logger, _context.ProviderInstanceName);
                continue;
            }

            try
            {
                await message.Delivery.AcknowledgeAsync(stopping);
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                MqttLog.AckFailed(_logger, ex, _context.ProviderInstanceName);
            }
        }
    }

    private void Remember(IReadOnlyList<DeviceStateReport> reports)
    {
        var now = _context.Time.GetUtcNow();
        foreach (var report in reports)
        {
            _devices.AddOrUpdate(report.DeviceId, _ => DeviceView.Empty.With(report, now), (_, view) => view.With(report, now));
        }
    }

    /// <summary>Publishes at QoS 1 at least, so the broker's acknowledgement says it took the message; the refusal, or null.</summary>
    private async Task<string?> PublishAsync(string topic, JsonObject payload, bool retain, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            throw new ConnectorException($"Not connected to the MQTT broker {_settings.Host}:{_settings.Port}; the connector is reconnecting.", isTransient: true);
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(payload))
            .WithContentType("application/json")
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)Math.Max(1, _settings.Qos))
            .WithRetainFlag(retain)
            .Build();
        MqttClientPublishResult result;
        try
        {
            result = await _client.PublishAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new ConnectorException($"Publishing to '{topic}' failed: {ex.Message}", isTransient: true, ex);
        }

        return result.ReasonCode switch
        {
            MqttClientPublishReasonCode.Success => null,
            MqttClientPublishReasonCode.NoMatchingSubscribers when !retain => $"No device subscribes to '{topic}', so the broker dropped the message.",
            MqttClientPublishReasonCode.NoMatchingSubscribers => null,
            _ => $"The broker refused the message to '{topic}': {result.ReasonCode}{(result.ReasonString is { Length: > 0 } reason ? $" ({reason})" : string.Empty)}.",
        };
    }
}
