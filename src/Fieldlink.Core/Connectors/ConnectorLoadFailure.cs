namespace Fieldlink.Core.Connectors;

/// <summary>A connector that could not be loaded: where from, and why.</summary>
public sealed record ConnectorLoadFailure(string Source, string Reason);
