using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Connectors.Plugins;

/// <summary>Log messages of plugin loading (event ids 1200–1299, in <see cref="CoreEventIds"/>).</summary>
internal static partial class PluginLog
{
    [LoggerMessage(EventId = CoreEventIds.PluginNoDirectory, Level = LogLevel.Information, Message = "No plugins directory at {Directory}: no plugins loaded")]
    public static partial void NoDirectory(ILogger logger, string directory);

    [LoggerMessage(EventId = CoreEventIds.PluginConnectorLoaded, Level = LogLevel.Information, Message = "Loaded connector {Key} ({Type}) from plugin {File}")]
    public static partial void ConnectorLoaded(ILogger logger, string key, string? type, string file);

    [LoggerMessage(EventId = CoreEventIds.PluginFailed, Level = LogLevel.Error, Message = "Plugin {File} was not loaded: {Reason}")]
    public static partial void PluginFailed(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = CoreEventIds.PluginLoaded, Level = LogLevel.Information, Message = "Plugins from {Directory}: {Connectors} connectors loaded, {Failures} failures")]
    public static partial void Loaded(ILogger logger, string directory, int connectors, int failures);
}
