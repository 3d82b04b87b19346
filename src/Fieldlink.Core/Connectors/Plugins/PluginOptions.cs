namespace Fieldlink.Core.Connectors.Plugins;

/// <summary>Where connector plugins are loaded from (configuration section <c>Plugins</c>).</summary>
public sealed class PluginOptions
{
    /// <summary>
    /// The plugins directory: one subfolder per plugin (<c>&lt;name&gt;/&lt;name&gt;.dll</c> and its dependencies), or bare
    /// dlls. Default: <c>&lt;DataDir&gt;/plugins</c>; a directory that does not exist means no plugins.
    /// </summary>
    public string? Directory { get; set; }
}
