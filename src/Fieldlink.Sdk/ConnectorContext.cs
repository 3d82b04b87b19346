using Microsoft.Extensions.Logging;

namespace Fieldlink.Sdk;

/// <summary>What a connector instance is given when it is opened.</summary>
/// <param name="ProviderInstanceId">The Fieldlink id of the provider instance.</param>
/// <param name="ProviderInstanceName">The provider instance's name, for logs and messages.</param>
/// <param name="Url">The provider instance's URL, if it has one.</param>
/// <param name="Settings">The validated settings, an object of the connector's settings type.</param>
/// <param name="Sink">Where the instance reports what its system pushes: telemetry, device state, command outcomes.</param>
/// <param name="LoggerFactory">For the instance's logs.</param>
/// <param name="Time">The clock to use instead of <see cref="DateTimeOffset.UtcNow"/>, so tests can move time.</param>
public sealed record ConnectorContext(
    Guid ProviderInstanceId,
    string ProviderInstanceName,
    Uri? Url,
    object Settings,
    IConnectorSink Sink,
    ILoggerFactory LoggerFactory,
    TimeProvider Time)
{
    /// <summary>
    /// Makes the handler for every HTTP request the instance sends, e.g.
    /// <c>new HttpClient(context.HttpHandlerFactory())</c>. Fieldlink sets it to a handler that passes every connection
    /// through its outbound guard: an address inside Fieldlink's network (loopback, private, link-local, cloud metadata,
    /// IPv4 embedded in IPv6) is refused unless its host is in <c>Outbound:AllowedHosts</c>, checked at connect time
    /// against the addresses actually connected to; redirects are not followed, and no proxy or cookies are used.
    /// A connector should send all its HTTP through it, so the same rules hold for it as for Fieldlink.
    /// Each call returns a new handler, which the caller owns and disposes (an <see cref="HttpClient"/> made with it
    /// does so). Default, for an instance opened outside Fieldlink (a test): a handler without the address check that
    /// follows no redirects and keeps no cookies. Thread-safe.
    /// </summary>
    public Func<HttpMessageHandler> HttpHandlerFactory { get; init; } = static () => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
}
