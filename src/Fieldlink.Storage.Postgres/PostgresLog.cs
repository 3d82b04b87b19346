using Microsoft.Extensions.Logging;

namespace Fieldlink.Storage.Postgres;

/// <summary>Log messages of the PostgreSQL store (event ids in <see cref="PostgresEventIds"/>).</summary>
internal static partial class PostgresLog
{
    [LoggerMessage(EventId = PostgresEventIds.ChangeListenerListening, Level = LogLevel.Information, Message = "Listening for changes made by other processes on channel {Channel}")]
    public static partial void Listening(ILogger logger, string channel);

    [LoggerMessage(EventId = PostgresEventIds.ChangeListenerLost, Level = LogLevel.Warning, Message = "The change listener's connection failed; trying again in {Delay}")]
    public static partial void ListenerLost(ILogger logger, TimeSpan delay, Exception exception);
}
