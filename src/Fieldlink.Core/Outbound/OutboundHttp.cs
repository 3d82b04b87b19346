using System.Net;
using System.Net.Sockets;

namespace Fieldlink.Core.Outbound;

/// <summary>
/// Every outbound HTTP connection of Fieldlink and its connectors goes through a handler made here: redirects are not
/// followed, no proxy or cookies, and every connection checks the addresses it is about to reach with
/// <see cref="OutboundGuard"/> and connects to exactly those, so what was public when a URL was saved cannot be
/// pointed inside later. <see cref="Client"/> is the shared client for webhooks; <see cref="CreateHandler"/> makes one
/// handler for a connector instance (given to it as <see cref="Fieldlink.Sdk.ConnectorContext.HttpHandlerFactory"/>).
/// Thread-safe; one per process.
/// </summary>
public sealed class OutboundHttp : IDisposable
{
    private readonly OutboundGuard _guard;
    private readonly HttpClient _client;

    public OutboundHttp(OutboundGuard guard)
    {
        ArgumentNullException.ThrowIfNull(guard);
        _guard = guard;
        _client = new HttpClient(CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The shared guarded client, without a timeout of its own (callers set one per request).</summary>
    public HttpClient Client => _client;

    /// <summary>A new guarded handler; its owner disposes it (an <see cref="HttpClient"/> made with it does so by default).</summary>
    public HttpMessageHandler CreateHandler() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = ConnectAsync,
    };

    public void Dispose() => _client.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await OutboundGuard.ResolveAsync(host, cancellationToken);
        if (!_guard.IsAllowedHost(host) && addresses.FirstOrDefault(OutboundGuard.IsInternal) is { } inside)
        {
            throw new HttpRequestException(
                HttpRequestError.ConnectionError,
                $"Refused to connect to {host}: it resolves to {inside}, an internal address, and is not in Outbound:AllowedHosts.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // Connected to exactly the addresses just checked, not to a fresh resolution of the name.
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
