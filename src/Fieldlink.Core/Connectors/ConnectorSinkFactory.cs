using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Connectors;

/// <summary>Makes the sink each connector instance reports through.</summary>
public sealed class ConnectorSinkFactory(IServiceScopeFactory scopes)
{
    public ConnectorSink Create(Guid providerInstanceId) => new(providerInstanceId, scopes);
}
