using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace Fieldlink.Connectors.Mqtt;

/// <summary>
/// The in-process MQTTnet broker of <c>fieldlink serve --mqtt-broker embedded[:port]</c> (and <c>--demo</c>): on the
/// loopback address, anonymous, with persistent sessions kept in memory, so the default set-up needs no other broker.
/// Does nothing when <see cref="MqttOptions.Broker"/> is empty.
/// </summary>
public sealed class EmbeddedMqttBroker(IOptions<MqttOptions> options, ILogger<EmbeddedMqttBroker> logger) : IHostedService, IAsyncDisposable
{
    private MqttServer? _server;

    /// <summary>The port the broker listens on, or null when it does not run.</summary>
    public int? Port => _server is null ? null : options.Value.EmbeddedBrokerPort;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.EmbeddedBrokerPort is not { } port)
        {
            return;
        }

        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions()
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);

        // An MQTT 5 client may leave its id empty for the broker to choose (MQTTnet refuses an empty id over 3.1.1).
        _server.ValidatingConnectionAsync += args =>
        {
            if (string.IsNullOrEmpty(args.ClientId))
            {
                args.AssignedClientIdentifier = "anonymous-" + Guid.NewGuid().ToString("N");
            }

            return Task.CompletedTask;
        };
        await _server.StartAsync();
        MqttLog.BrokerStarted(logger, port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true } server)
        {
            await server.StopAsync();
            MqttLog.BrokerStopped(logger);
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _server = null;
        return ValueTask.CompletedTask;
    }
}
