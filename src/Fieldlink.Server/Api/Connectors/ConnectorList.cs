using Fieldlink.Core.Connectors;
using Fieldlink.Core.Connectors.Plugins;

namespace Fieldlink.Server.Api.Connectors;

/// <summary>The answer of <c>GET /api/v1/connectors</c>.</summary>
public sealed record ConnectorList(IReadOnlyList<ConnectorDescriptor> Value, IReadOnlyList<PluginFailure> Failures);
