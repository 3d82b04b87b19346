using System.Net;
using System.Net.Sockets;

namespace Fieldlink.Core.Webhooks;

/// <summary>
/// The HTTP client for outgoing webhooks and the http connector's commands: redirects are not followed, no proxy or
/// cookies, and every connection checks the addresses it is about to reach with <see cref="WebhookAddressGuard"/>, so
/// what was public when a URL was saved cannot be pointed inside later. Thread-safe; one per process.
/// </summary>
public sealed class WebhookHttp : IDisposable
{
    private readonly HttpClient _client;

    public WebhookHttp(WebhookAddressGuard guard)
    {
        ArgumentNullException.ThrowIfNull(guard);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = (context, ct) => ConnectAsync(guard, context, ct),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpClient Client => _client;

    public void Dispose() => _client.Dispose();

    private static async ValueTask<Stream> ConnectAsync(WebhookAddressGuard guard, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (!guard.IsAllowedHost(host))
        {
            if (addresses.FirstOrDefault(WebhookAddressGuard.IsInternal) is { } inside)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, $"Refused to connect to {host}: it resolves to {inside}, an internal address, and is not in Webhooks:AllowedHosts.");
            }
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
