using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Live;

/// <summary>
/// Hands the changes this process learns of to everyone watching (the open pages), in the batches they arrive in.
/// One per process. A subscriber is called on the publisher's thread and must return at once: a page hands the batch
/// to its own dispatcher and reloads there. A subscriber that throws is logged and stays subscribed; the others are
/// still called.
/// </summary>
public sealed class ChangeFeed(ILogger<ChangeFeed> logger)
{
    private ImmutableArray<Action<IReadOnlyList<RecordChange>>> _subscribers = [];

    /// <summary>How many subscribers there are (open pages watching).</summary>
    public int SubscriberCount => _subscribers.Length;

    /// <summary>Calls <paramref name="onChanges"/> with every batch published from now until the result is disposed.</summary>
    public IDisposable Subscribe(Action<IReadOnlyList<RecordChange>> onChanges)
    {
        ArgumentNullException.ThrowIfNull(onChanges);
        ImmutableInterlocked.Update(ref _subscribers, (list, added) => list.Add(added), onChanges);
        return new Subscription(this, onChanges);
    }

    /// <summary>Hands <paramref name="changes"/> to every subscriber; nothing happens for an empty batch.</summary>
    public void Publish(IReadOnlyList<RecordChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        foreach (var subscriber in _subscribers)
        {
            try
            {
                subscriber(changes);
            }
#pragma warning disable CA1031 // One page's failure must not keep the change from the others.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LiveLog.SubscriberFailed(logger, changes.Count, ex);
            }
        }
    }

    private sealed class Subscription(ChangeFeed feed, Action<IReadOnlyList<RecordChange>> onChanges) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                ImmutableInterlocked.Update(ref feed._subscribers, (list, removed) => list.Remove(removed), onChanges);
            }
        }
    }
}
