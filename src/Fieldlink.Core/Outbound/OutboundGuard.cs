using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Outbound;

/// <summary>
/// Keeps every outbound request of Fieldlink and its connectors (webhooks, the http connector's commands, plugins'
/// requests through <see cref="Fieldlink.Sdk.ConnectorContext.HttpHandlerFactory"/>) from reaching inside the network
/// Fieldlink runs in: a host that resolves to a loopback, link-local, private, shared, reserved, multicast or
/// IPv4-embedding IPv6 address is refused unless it is in <see cref="OutboundOptions.AllowedHosts"/>. Checked when a
/// URL is saved (<see cref="RefuseAsync(Uri, CancellationToken)"/>), and again on every connection (see <see cref="OutboundHttp"/>), so a name
/// that resolves differently later (DNS rebinding) gets no further. Thread-safe.
/// </summary>
public sealed class OutboundGuard(IOptions<OutboundOptions> options)
{
    /// <summary>Whether <paramref name="host"/> (as written in a URL, brackets or not) is in the allow-list.</summary>
    public bool IsAllowedHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = Bare(host);
        return options.Value.AllowedHosts.Any(h => string.Equals(Bare(h.Trim()), bare, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Why <paramref name="url"/> may not be called, or null: its scheme, its user info, a host that does not resolve, or an address it resolves to.</summary>
    public Task<string?> RefuseAsync(Uri url, CancellationToken cancellationToken) => RefuseAsync(url, mustResolve: true, cancellationToken);

    /// <summary>
    /// Why <paramref name="url"/> may not be called, or null. With <paramref name="mustResolve"/> false a host that does
    /// not resolve here and now passes: only what is known to lie inside is refused (every connection is checked again).
    /// </summary>
    public async Task<string?> RefuseAsync(Uri url, bool mustResolve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return "The URL must be an absolute http or https URL.";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "The URL may not carry a user name or password.";
        }

        if (IsAllowedHost(url.IdnHost))
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url.IdnHost, cancellationToken);
        }
        catch (SocketException ex)
        {
            return mustResolve ? $"The host {url.Host} cannot be resolved: {ex.Message}" : null;
        }
        catch (ArgumentException)
        {
            // DNS names are at most 255 characters; the resolver refuses a longer one outright.
            return "The host name is longer than a DNS name can be (255 characters).";
        }

        if (addresses.Length == 0)
        {
            return $"The host {url.Host} resolves to no address.";
        }

        if (addresses.FirstOrDefault(IsInternal) is not { } inside)
        {
            return null;
        }

        var subject = IPAddress.TryParse(Bare(url.IdnHost), out _) ? $"The address {url.Host} is" : $"The host {url.Host} resolves to {inside},";
        return $"{subject} an internal (loopback, link-local, private or IPv4-embedding) address; add the host to Outbound:AllowedHosts to allow it.";
    }

    /// <summary>The addresses <paramref name="host"/> stands for: itself when it is an address literal, else what DNS answers.</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = Bare(host);
        return IPAddress.TryParse(bare, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(bare, cancellationToken);
    }

    /// <summary>Whether <paramref name="address"/> is one outbound requests must not reach without an allowed host.</summary>
    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsInternalV4(address);
        }

        Span<byte> v6 = stackalloc byte[16];
        address.TryWriteBytes(v6, out _);

        // Every IPv6 form that carries an IPv4 address is refused whatever that address is: which IPv4 address a
        // translator, tunnel or stack makes of it is not Fieldlink's to know, and no vendor needs one.
        var embedsIPv4 = v6[..10].IndexOfAnyExcept((byte)0) < 0 // IPv4-compatible ::a.b.c.d (and ::, ::1), IPv4-mapped ::ffff:a.b.c.d
            || (v6[..8].IndexOfAnyExcept((byte)0) < 0 && v6[8] == 0xFF && v6[9] == 0xFF) // IPv4-translated ::ffff:0:a.b.c.d
            || (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xFF && v6[3] == 0x9B) // NAT64 64:ff9b::/96 and 64:ff9b:1::/48
            || (v6[0] == 0x20 && v6[1] == 0x02) // 6to4 2002::/16
            || (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x00 && v6[3] == 0x00); // Teredo 2001::/32
        return embedsIPv4
            || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal
            || address.IsIPv6Multicast
            || (v6[0] & 0xFE) == 0xFC // unique local fc00::/7
            || (v6[0] == 0x01 && v6[1] == 0x00 && v6[2..8].IndexOfAnyExcept((byte)0) < 0) // discard-only 100::/64
            || (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0D && v6[3] == 0xB8); // documentation 2001:db8::/32
    }

    private static bool IsInternalV4(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return b[0] == 0 // this network
            || b[0] == 10 // private
            || b[0] == 127 // loopback
            || (b[0] == 100 && (b[1] & 0xC0) == 64) // shared address space (carrier-grade NAT)
            || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
            || (b[0] == 172 && (b[1] & 0xF0) == 16) // private
            || (b[0] == 192 && b[1] == 168) // private
            || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
            || (b[0] == 198 && (b[1] & 0xFE) == 18) // benchmarking
            || b[0] >= 224; // multicast, reserved and broadcast
    }

    private static string Bare(string host) => host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
}
