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
    TimeProvider Time);
