namespace Fieldlink.Core.Data;

/// <summary>
/// Wakes a background worker of this process at once when there is work for it, instead of at its next poll. Work
/// from other processes is still found by the poll. Thread-safe; many notifications before a wait wake it once. The
/// poll interval runs on the injected <see cref="TimeProvider"/>, so a test can move a worker's time on.
/// </summary>
public abstract class WakeUpSignal(TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller signalled first; one wake-up is enough.
            }
        }
    }

    /// <summary>Waits until <see cref="Notify"/> or the timeout, as the <see cref="TimeProvider"/> tells; true when notified.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_signal.Wait(0, CancellationToken.None))
        {
            return true;
        }

        using var elapsed = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, elapsed.Token);
        try
        {
            await _signal.WaitAsync(either.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// A worker's loop: runs <paramref name="round"/> until <paramref name="stoppingToken"/> is cancelled, again at once
    /// while a round handles a full batch, otherwise after a notification or <paramref name="pollInterval"/>. A round
    /// that throws is handed to <paramref name="failed"/> and the loop goes on.
    /// </summary>
    /// <param name="round">One round; returns how many items it handled.</param>
    /// <param name="batchSize">The most a round handles: a full batch means more is probably waiting.</param>
    /// <param name="pollInterval">How long to wait for a notification before looking anyway.</param>
    /// <param name="failed">Logs a round's failure.</param>
    /// <param name="stoppingToken">Ends the loop.</param>
    public async Task RunRoundsAsync(Func<CancellationToken, Task<int>> round, int batchSize, TimeSpan pollInterval, Action<Exception> failed, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(failed);
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await round(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failed(ex);
            }

            if (handled < batchSize)
            {
                try
                {
                    await WaitAsync(pollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _signal.Dispose();
        }
    }
}
