using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Connections;

/// <summary>Log messages of the provider instances' connection state (event ids in <see cref="CoreEventIds"/>).</summary>
internal static partial class ConnectionLog
{
    [LoggerMessage(EventId = CoreEventIds.ConnectionWriteFailed, Level = LogLevel.Warning, Message = "Could not store this process's connection state of its provider instances; trying again")]
    public static partial void WriteFailed(ILogger logger, Exception exception);
}
