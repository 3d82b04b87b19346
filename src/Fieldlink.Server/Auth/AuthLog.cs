namespace Fieldlink.Server.Auth;

/// <summary>Log messages of authentication (event ids 5200–5299, in <see cref="ServerEventIds"/>).</summary>
public static partial class AuthLog
{
    [LoggerMessage(EventId = ServerEventIds.ApiKeyUseNotRecorded, Level = LogLevel.Warning, Message = "API key {Prefix}: its last use could not be recorded; the request goes on and a later one records it")]
    public static partial void ApiKeyUseNotRecorded(ILogger logger, string prefix, Exception exception);
}
