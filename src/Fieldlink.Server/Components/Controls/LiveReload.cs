using Fieldlink.Core.Live;

namespace Fieldlink.Server.Components.Controls;

/// <summary>
/// A page's watch on the <see cref="ChangeFeed"/>: when a batch holds a change the page shows, it reloads once, a moment
/// later, however many changes came meanwhile. The feed calls on its publisher's thread; the reload runs through the
/// page's own dispatcher (the <c>reload</c> the page gives wraps <c>InvokeAsync</c>).
/// </summary>
internal sealed class LiveReload : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    private readonly IDisposable _subscription;
    private readonly Func<RecordChange, bool> _concerns;
    private readonly Func<Task> _reload;
    private int _pending;
    private int _disposed;

    public LiveReload(ChangeFeed feed, Func<RecordChange, bool> concerns, Func<Task> reload)
    {
        ArgumentNullException.ThrowIfNull(feed);
        _concerns = concerns;
        _reload = reload;
        _subscription = feed.Subscribe(OnChanges);
    }

    private void OnChanges(IReadOnlyList<RecordChange> changes)
    {
        if (!changes.Any(_concerns) || Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await Task.Delay(Debounce);
            Interlocked.Exchange(ref _pending, 0);
            if (Volatile.Read(ref _disposed) == 0)
            {
                await _reload();
            }
        });
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _disposed, 1);
        _subscription.Dispose();
    }
}
