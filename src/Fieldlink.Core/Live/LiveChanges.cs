using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Live;

/// <summary>
/// Where the store's writers hand their committed changes (one per process): this process's pages get them at once
/// through the <see cref="ChangeFeed"/>; other processes on the same database get them as notifications carrying
/// <see cref="Origin"/>, and a listener hands what it receives to <see cref="Received"/>, which skips this process's
/// own (already published). Thread-safe.
/// </summary>
/// <param name="feed">The feed this process's pages watch.</param>
/// <param name="logger">Where unreadable notifications are logged.</param>
/// <param name="notices">
/// The queue that sends the notices of writes committed on their own while the server runs; null (a test, a tool)
/// where each writer sends its own.
/// </param>
public sealed class LiveChanges(ChangeFeed feed, ILogger<LiveChanges> logger, LooseNotices? notices = null)
{
    /// <summary>This process's mark on the notifications it sends, random per process.</summary>
    public string Origin { get; } = Random.Shared.NextInt64(1L << 47, 1L << 48).ToString("x12", CultureInfo.InvariantCulture);

    /// <summary>The feed the pages of this process watch.</summary>
    public ChangeFeed Feed => feed;

    /// <summary>The queue for the notices of writes committed on their own, if this process has one.</summary>
    public LooseNotices? Notices => notices;

    /// <summary>Hands changes committed by this process to its pages.</summary>
    public void Committed(IReadOnlyList<RecordChange> changes) => feed.Publish(changes);

    /// <summary>The notification payloads that tell other processes of <paramref name="changes"/>.</summary>
    public IReadOnlyList<string> Payloads(IReadOnlyList<RecordChange> changes) => ChangePayload.Encode(Origin, changes);

    /// <summary>
    /// Hands a notification from the database to this process's pages, unless it is this process's own (published
    /// when committed) or not readable (logged and dropped).
    /// </summary>
    public void Received(string payload)
    {
        if (!ChangePayload.TryDecode(payload, out var origin, out var changes))
        {
            LiveLog.UnreadableNotice(logger, payload.Length);
            return;
        }

        if (!string.Equals(origin, Origin, StringComparison.Ordinal))
        {
            feed.Publish(changes);
        }
    }

    /// <summary>
    /// Tells every page that anything may have changed: after the listener lost its connection, a notification sent
    /// in the meantime is gone, so the pages reload what they show.
    /// </summary>
    public void Resume() => feed.Publish([.. Enum.GetValues<RecordKind>().Select(k => RecordChange.Any(k))]);
}
