using Fieldlink.Core.Connectors;

namespace Fieldlink.Server.Api;

/// <summary>The answer of <c>GET /api/v1/connectors</c>.</summary>
public sealed record ConnectorList(IReadOnlyList<ConnectorDescriptor> Value, IReadOnlyList<ConnectorLoadFailure> Failures);
