using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Live;

/// <summary>Log messages of the live change feed (event ids 3100–3199, in <see cref="CoreEventIds"/>).</summary>
internal static partial class LiveLog
{
    [LoggerMessage(EventId = CoreEventIds.LiveSubscriberFailed, Level = LogLevel.Error, Message = "A page watching for changes failed on a batch of {Count} changes")]
    public static partial void SubscriberFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = CoreEventIds.LiveUnreadableNotice, Level = LogLevel.Warning, Message = "A change notification of {Length} characters was not Fieldlink's and was dropped")]
    public static partial void UnreadableNotice(ILogger logger, int length);

    [LoggerMessage(EventId = CoreEventIds.LiveNoticeRefused, Level = LogLevel.Warning, Message = "The database refused the notice of {Count} committed changes to the other processes (attempt {Attempt}); it is sent again in {DelayMs} ms")]
    public static partial void NoticeRefused(ILogger logger, Exception exception, int count, int attempt, long delayMs);

    [LoggerMessage(EventId = CoreEventIds.LiveNoticesGivenUp, Level = LogLevel.Error, Message = "Stopping: the notice of {Count} committed changes did not reach the other processes, whose pages show them at their next reload")]
    public static partial void NoticesGivenUp(ILogger logger, Exception exception, int count);
}
