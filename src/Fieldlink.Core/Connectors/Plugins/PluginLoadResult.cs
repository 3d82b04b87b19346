using Fieldlink.Sdk;

namespace Fieldlink.Core.Connectors.Plugins;

/// <summary>What the plugins directory held: the connectors that loaded, and the plugins that did not.</summary>
/// <param name="Connectors">One object per connector class found, ready to be registered like a built-in connector.</param>
/// <param name="Failures">The plugins, or connectors of them, that could not be loaded; shown, never fatal.</param>
public sealed record PluginLoadResult(IReadOnlyList<Connector> Connectors, IReadOnlyList<PluginFailure> Failures)
{
    /// <summary>No plugins.</summary>
    public static PluginLoadResult Empty { get; } = new([], []);
}
