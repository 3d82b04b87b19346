namespace Fieldlink.Core.Connectors.Plugins;

/// <summary>A plugin, or one connector of it, that could not be loaded, and why, in words an operator can act on.</summary>
/// <param name="File">The plugin's dll, or its folder when the dll is missing.</param>
/// <param name="Reason">What went wrong.</param>
public sealed record PluginFailure(string File, string Reason);
