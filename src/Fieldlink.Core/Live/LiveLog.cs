using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Live;

/// <summary>Log messages of the live change feed (event ids 3100–3199, in <see cref="CoreEventIds"/>).</summary>
internal static partial class LiveLog
{
    [LoggerMessage(EventId = CoreEventIds.LiveSubscriberFailed, Level = LogLevel.Error, Message = "A page watching for changes failed on a batch of {Count} changes")]
    public static partial void SubscriberFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = CoreEventIds.LiveUnreadableNotice, Level = LogLevel.Warning, Message = "A change notification of {Length} characters was not Fieldlink's and was dropped")]
    public static partial void UnreadableNotice(ILogger logger, int length);
}
