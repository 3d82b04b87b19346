namespace Fieldlink.Core.Data;

/// <summary>
/// The loop of a worker that runs a pass at start-up and then every interval (the retention of records and of
/// readings), on the injected <see cref="TimeProvider"/> so a test moves its clock on. A pass that throws is logged and
/// the loop goes on: a store that is briefly away must not stop the passes for good. A worker woken by work instead of
/// by the clock uses <see cref="WakeUpSignal.RunRoundsAsync"/>.
/// </summary>
public static class PeriodicPass
{
    /// <summary>
    /// Runs <paramref name="pass"/> at once and then <paramref name="interval"/> after each pass ends, until
    /// <paramref name="stoppingToken"/> is cancelled; returns then, without throwing.
    /// </summary>
    /// <param name="pass">One pass.</param>
    /// <param name="interval">The wait after a pass, read anew each time so a changed setting counts from the next wait.</param>
    /// <param name="failed">Logs a failed pass, with the wait before the next one.</param>
    /// <param name="time">The clock the waits run on.</param>
    /// <param name="stoppingToken">Ends the loop.</param>
    public static async Task RunAsync(Func<CancellationToken, Task> pass, Func<TimeSpan> interval, Action<Exception, TimeSpan> failed, TimeProvider time, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(interval);
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(time);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pass(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failed(ex, interval());
            }

            try
            {
                await Task.Delay(interval(), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
