namespace Fieldlink.Core.Outbound;

/// <summary>
/// What outbound requests of Fieldlink and its connectors may reach (configuration section <c>Outbound</c>; the older
/// <c>Webhooks:AllowedHosts</c> is read too, as an alias, and both lists count).
/// </summary>
public sealed class OutboundOptions
{
    /// <summary>
    /// Hosts, as written in a URL (e.g. <c>hooks.internal</c>, <c>127.0.0.1</c> or <c>[::1]</c>), that may resolve to
    /// loopback, link-local, private or other internal addresses. A name and an address are different hosts: allowing
    /// <c>127.0.0.1</c> does not allow <c>localhost</c>. Default: none, so outbound requests only reach public addresses.
    /// </summary>
    public IList<string> AllowedHosts { get; } = [];
}
