using Fieldlink.Core.Live;

namespace Fieldlink.Server.Model;

/// <summary>
/// Makes the watches live pages keep on the process's <see cref="ChangeFeed"/>. A page, in <c>OnInitialized</c>:
/// <c>_watch = Live.Watch(LiveFilter.Of(RecordKind.Alert), _ =&gt; InvokeAsync(ReloadAsync));</c>, and in
/// <c>Dispose</c>: <c>_watch?.Dispose();</c>. One per process.
/// </summary>
public sealed partial class LiveWatches(ChangeFeed feed, TimeProvider time, ILogger<LiveWatch> logger)
{
    /// <summary>The least time between two reloads of one page (500 ms): a burst of changes costs it two reloads, not one per change.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Calls <paramref name="reload"/> with the changes that <paramref name="filter"/> matches: at once for the first,
    /// then at most once per <paramref name="interval"/> (default <see cref="DefaultInterval"/>). The reload runs on a
    /// task of the watch, so a page passes its own dispatcher: <c>changes =&gt; InvokeAsync(() =&gt; ...)</c>.
    /// </summary>
    public LiveWatch Watch(LiveFilter filter, Func<IReadOnlyList<RecordChange>, Task> reload, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(reload);
        return new LiveWatch(feed, filter, reload, interval ?? DefaultInterval, time, ex => ReloadFailed(logger, ex));
    }

    [LoggerMessage(EventId = ServerEventIds.LiveReloadFailed, Level = LogLevel.Warning, Message = "A live page failed to reload after a change; it tries again on the next one")]
    private static partial void ReloadFailed(ILogger logger, Exception exception);
}
