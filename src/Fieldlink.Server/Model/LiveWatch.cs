using Fieldlink.Core.Live;

namespace Fieldlink.Server.Model;

/// <summary>
/// A page's watch on the <see cref="ChangeFeed"/> (made by <see cref="LiveWatches.Watch"/>): when a batch has changes
/// the page's <see cref="LiveFilter"/> matches, it calls the page's reload with them — the first at once, then at most
/// once per interval, with everything that matched meanwhile; a reload never overlaps the one before. Dispose it with
/// the page. Thread-safe: the feed calls it on the writer's thread, and it hands the reload to a task of its own.
/// </summary>
public sealed class LiveWatch : IDisposable
{
    private readonly Lock _lock = new();
    private readonly LiveFilter _filter;
    private readonly Func<IReadOnlyList<RecordChange>, Task> _reload;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Action<Exception> _failed;
    private readonly CancellationTokenSource _disposed = new();
    private readonly IDisposable _subscription;
    private List<RecordChange> _pending = [];
    private bool _running;

    internal LiveWatch(ChangeFeed feed, LiveFilter filter, Func<IReadOnlyList<RecordChange>, Task> reload, TimeSpan interval, TimeProvider time, Action<Exception> failed)
    {
        _filter = filter;
        _reload = reload;
        _interval = interval;
        _time = time;
        _failed = failed;
        _subscription = feed.Subscribe(OnChanges);
    }

    /// <summary>How many times the page's reload was called.</summary>
    public int Reloads { get; private set; }

    public void Dispose()
    {
        // Canceled, not disposed: a reload starting on another thread may still read its token.
        _subscription.Dispose();
        _disposed.Cancel();
    }

    private void OnChanges(IReadOnlyList<RecordChange> changes)
    {
        var start = false;
        lock (_lock)
        {
            foreach (var change in changes)
            {
                if (_filter.Matches(change))
                {
                    _pending.Add(change);
                }
            }

            if (_pending.Count > 0 && !_running)
            {
                _running = true;
                start = true;
            }
        }

        if (start)
        {
            _ = Task.Run(RunAsync);
        }
    }

    /// <summary>Reloads while changes come in, one reload per interval at most; ends when a whole interval brought none.</summary>
    private async Task RunAsync()
    {
        var token = _disposed.Token;
        while (true)
        {
            List<RecordChange> batch;
            lock (_lock)
            {
                if (_pending.Count == 0 || token.IsCancellationRequested)
                {
                    _running = false;
                    return;
                }

                batch = _pending;
                _pending = [];
            }

            var started = _time.GetTimestamp();
            try
            {
                Reloads++;
                await _reload(batch);
                var rest = _interval - _time.GetElapsedTime(started);
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, _time, token);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                lock (_lock)
                {
                    _running = false;
                }

                return;
            }
#pragma warning disable CA1031 // A failed reload (the circuit gone, the store down) must not end the watch: the next change tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _failed(ex);
            }
        }
    }
}
