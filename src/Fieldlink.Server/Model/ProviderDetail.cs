using Fieldlink.Core.Connectors;
using Fieldlink.Server.Api.Providers;

namespace Fieldlink.Server.Model;

/// <summary>A provider's page: the provider, its connector's description (null when the server lacks the connector) and its instances by name.</summary>
public sealed record ProviderDetail(ProviderRead Provider, long Version, ConnectorDescriptor? Connector, IReadOnlyList<ProviderInstanceView> Instances);
