using Fieldlink.Connectors.Mqtt.Internal;
using Fieldlink.Sdk;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Connectors.Mqtt;

/// <summary>
/// One MQTT provider instance: a client of the broker that stays connected (reconnecting with backoff and jitter),
/// stores what devices publish in batches and acknowledges each message to the broker only once it is stored, and
/// publishes commands and device configurations. A message stored but not acknowledged before the connection was lost
/// comes again, so delivery is at least once.
/// </summary>
/// <remarks>
/// Thread-safe: actions may be called concurrently. The work is in three parts under <c>Internal/</c>, as MQTTnet
/// divides a client's: <see cref="BrokerConnection"/> keeps the connection, <see cref="Inbox"/> stores and
/// acknowledges what comes in, <see cref="DeviceActions"/> publishes what goes out; this class starts and stops them.
/// </remarks>
public sealed class MqttInstance : IConnectorInstance, IRegisterDevices, IPullDeviceData, ISendCommands, ITakeOverSessions
{
    private readonly BrokerConnection _connection;
    private readonly Inbox _inbox;
    private readonly DeviceActions _actions;
    private readonly MqttSettings _settings;
    private readonly ConnectorContext _context;
    private readonly ILogger _logger;
    private readonly TopicRouter _router;
    private readonly string _clientIdStem;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private bool _started;
    private bool _disposed;

    internal MqttInstance(MqttSettings settings, ConnectorContext context, string node)
    {
        var logger = context.LoggerFactory.CreateLogger<MqttInstance>();
        var router = new TopicRouter(settings);
        var stem = "fieldlink-" + context.ProviderInstanceId.ToString("N")[..12];
        _clientIdStem = settings.ClientId ?? stem;
        (_settings, _context, _logger, _router) = (settings, context, logger, router);
        var clientId = $"{_clientIdStem}-{node}";
        var sharedGroup = settings.MqttVersion == "5" && settings.SharedSubscriptionGroup != "" ? settings.SharedSubscriptionGroup ?? stem : null;
        _connection = new BrokerConnection(settings, context, logger, router, clientId, sharedGroup, _stopping.Token);
        _inbox = new Inbox(settings, context, logger, router, _connection);
        _actions = new DeviceActions(settings, context, router, _connection, _inbox);
    }

    /// <summary>The MQTT client id this process connects with: the settings' stem and this process's node name.</summary>
    public string ClientId => _connection.ClientId;

    /// <summary>The shared subscription group this instance subscribes in, or null when it does not share.</summary>
    public string? SharedGroup => _connection.SharedGroup;

    /// <summary>Whether the client is connected to the broker now.</summary>
    public bool IsConnected => _connection.Client.IsConnected;

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
            _inbox.Start(_stopping.Token);
        }

        await _connection.StartAsync(cancellationToken);
    }

    /// <summary>Publishes each device's configuration, retained, to the config topic; a device is Registered once the broker took it.</summary>
    /// <param name="devices">The devices.</param>
    /// <param name="cancellationToken">Cancelled when the action times out.</param>
    /// <returns>One result per device.</returns>
    public Task<IReadOnlyList<RegistrationResult>> RegisterDevicesAsync(IReadOnlyList<DeviceRef> devices, CancellationToken cancellationToken) =>
        _actions.RegisterDevicesAsync(devices, cancellationToken);

    /// <summary>The properties and status each device last published (retained messages included), as this process received them.</summary>
    /// <param name="devices">The devices.</param>
    /// <param name="cancellationToken">Not used: the answer is in memory.</param>
    /// <returns>One answer per device; NotFound for a device that published nothing since the connector started.</returns>
    public Task<IReadOnlyList<DeviceData>> PullDeviceDataAsync(IReadOnlyList<DeviceRef> devices, CancellationToken cancellationToken) =>
        Task.FromResult(_actions.PullDeviceData(devices));

    /// <summary>Publishes <c>{"commandId", "name", "parameters", "expiresAt"?}</c> to the device's command topic; Sent once the broker acknowledged it.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancelled when the action times out.</param>
    /// <returns>Taken, or refused when the broker refused it or no one subscribes to the device's command topic.</returns>
    public Task<CommandAcceptance> SendCommandAsync(DeviceCommand command, CancellationToken cancellationToken) =>
        _actions.SendCommandAsync(command, cancellationToken);

    /// <summary>
    /// Takes over the persistent session of the dead process <paramref name="deadNode"/> (client id
    /// <c>{clientId}-{deadNode}</c>): what the broker parked for it, and its share of the shared subscriptions while
    /// connected, is stored and acknowledged as this instance's own messages are, and the session is then ended. Nothing
    /// without persistent sessions, where the broker keeps nothing.
    /// </summary>
    /// <param name="deadNode">The dead process's node name.</param>
    /// <param name="cancellationToken">Cancels the takeover; what was not stored stays unacknowledged in the session.</param>
    /// <returns>How many messages were stored from the session.</returns>
    public Task<int> TakeOverSessionAsync(string deadNode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deadNode);
        var clientId = $"{_clientIdStem}-{deadNode}";
        return !_settings.PersistentSession || clientId == ClientId
            ? Task.FromResult(0)
            : SessionDrain.RunAsync(_settings, _context, _logger, _router, clientId, cancellationToken);
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
        await Task.WhenAll(_connection.Keeping, _inbox.Storing);
        await _connection.CloseAsync();
        _stopping.Dispose();
    }
}
