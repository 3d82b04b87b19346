using Fieldlink.Sdk;

namespace Fieldlink.Core.Connectors;

/// <summary>Connectors found somewhere other than the built-in services (a plugins directory), with what failed there.</summary>
/// <param name="Connectors">Each connector with where it came from, e.g. the plugin file.</param>
/// <param name="Failures">What could not be loaded.</param>
public sealed record ConnectorSource(IReadOnlyList<(Connector Connector, string Origin)> Connectors, IReadOnlyList<ConnectorLoadFailure> Failures);
