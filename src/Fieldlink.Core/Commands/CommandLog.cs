using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Commands;

/// <summary>Log messages of commands (event ids 2100–2199, in <see cref="CoreEventIds"/>).</summary>
internal static partial class CommandLog
{
    [LoggerMessage(EventId = CoreEventIds.CommandRoundFailed, Level = LogLevel.Error, Message = "The command dispatcher failed a round; it goes on")]
    public static partial void RoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = CoreEventIds.CommandMoved, Level = LogLevel.Debug, Message = "Command {CommandId} ({Name}) is {Status}")]
    public static partial void Moved(ILogger logger, Guid commandId, string name, Sdk.CommandStatus status);

    [LoggerMessage(EventId = CoreEventIds.CommandHandOverFailed, Level = LogLevel.Warning, Message = "Command {CommandId} could not be handed over (attempt {Attempt}): {Reason}")]
    public static partial void HandOverFailed(ILogger logger, Guid commandId, int attempt, string reason);

    [LoggerMessage(EventId = CoreEventIds.CommandLeaseRenewalFailed, Level = LogLevel.Warning, Message = "Could not renew the leases of {Count} commands being handed over; trying again")]
    public static partial void LeaseRenewalFailed(ILogger logger, int count, Exception exception);
}
