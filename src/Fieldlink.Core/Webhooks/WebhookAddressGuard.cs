using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Webhooks;

/// <summary>
/// Keeps webhooks (and the http connector's commands) from reaching inside the network Fieldlink runs in: a host
/// that resolves to a loopback, link-local, private, shared, unspecified or multicast address is refused unless it
/// is in <see cref="WebhookOptions.AllowedHosts"/>. Checked when a URL is saved, and again on every connection (see
/// <see cref="WebhookHttp"/>), so a name that resolves differently later (DNS rebinding) gets no further.
/// </summary>
public sealed class WebhookAddressGuard(IOptions<WebhookOptions> options)
{
    /// <summary>Whether <paramref name="host"/> may reach any address.</summary>
    public bool IsAllowedHost(string host) =>
        options.Value.AllowedHosts.Any(h => string.Equals(h.Trim().TrimStart('[').TrimEnd(']'), host.TrimStart('[').TrimEnd(']'), StringComparison.OrdinalIgnoreCase));

    /// <summary>Why <paramref name="url"/> may not be called, or null: its scheme, or an address its host resolves to.</summary>
    public async Task<string?> RefuseAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return "The URL must be an absolute http or https URL.";
        }

        if (IsAllowedHost(url.IdnHost))
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.IdnHost, cancellationToken);
        }
        catch (SocketException ex)
        {
            return $"The host {url.Host} cannot be resolved: {ex.Message}";
        }

        if (addresses.Length == 0)
        {
            return $"The host {url.Host} resolves to no address.";
        }

        if (addresses.FirstOrDefault(IsInternal) is not { } inside)
        {
            return null;
        }

        var subject = IPAddress.TryParse(url.IdnHost, out _) ? $"The address {url.Host} is" : $"The host {url.Host} resolves to {inside},";
        return $"{subject} an internal (loopback, link-local or private) address; add the host to Webhooks:AllowedHosts to allow it.";
    }

    /// <summary>Whether <paramref name="address"/> is one webhooks must not reach without an allowed host.</summary>
    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] == 0 // this network
                || b[0] == 10 // private
                || (b[0] == 100 && (b[1] & 0xC0) == 64) // shared address space (carrier-grade NAT)
                || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
                || (b[0] == 172 && (b[1] & 0xF0) == 16) // private
                || (b[0] == 192 && b[1] == 168) // private
                || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
                || (b[0] == 198 && (b[1] & 0xFE) == 18) // benchmarking
                || b[0] >= 224; // multicast and reserved
        }

        Span<byte> v6 = stackalloc byte[16];
        address.TryWriteBytes(v6, out _);
        return address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal
            || address.IsIPv6Multicast
            || (v6[0] & 0xFE) == 0xFC // unique local fc00::/7
            || (v6[0] == 0x20 && v6[1] == 0x02) // 6to4, which can wrap any IPv4 address
            || (v6[0] == 0 && v6[1] == 0x64 && v6[2] == 0xFF && v6[3] == 0x9B); // NAT64
    }
}
