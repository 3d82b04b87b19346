namespace Fieldlink.Core.Commands;

/// <summary>
/// Wakes this process's dispatcher when a command is queued here, so a command is sent at once rather than at the
/// next poll. Commands queued by other processes are found by the poll.
/// </summary>
public sealed class CommandSignal : IDisposable
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

    public void Dispose() => _signal.Dispose();

    /// <summary>Waits until <see cref="Notify"/> or the timeout; true when notified.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
