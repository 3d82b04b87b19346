using Fieldlink.Core.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Connectors;

/// <summary>Makes the sink each connector instance reports through.</summary>
public sealed class ConnectorSinkFactory(IServiceScopeFactory scopes, ProcessConnections connections)
{
    public ConnectorSink Create(Guid providerInstanceId) => new(providerInstanceId, scopes, connections);
}
