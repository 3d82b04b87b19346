using System.Diagnostics;

namespace Fieldlink.Bench.Commands;

/// <summary>
/// Open-loop load: request <c>i</c> is started at its due time, <c>i / rate</c> after the start, whatever the earlier
/// ones are doing, as concurrent API callers would. A slow system then shows as latency, not as a lower rate quietly
/// taken for the asked one; and each request's latency is counted from its due time, not from when it actually
/// started, so a stall of the sender itself is not hidden either (coordinated omission corrected).
/// </summary>
public static class OpenLoop
{
    /// <summary>
    /// Starts <paramref name="count"/> requests at <paramref name="rate"/> per second on the thread pool (each
    /// <paramref name="start"/> gets its index and its due time as a <see cref="Stopwatch"/> timestamp) and waits for
    /// them all; returns how long the starts took and how long until the last one finished.
    /// </summary>
    public static async Task<(TimeSpan Starting, TimeSpan Finished)> RunAsync(
        int count, int rate, Func<int, long, Task> start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var origin = Stopwatch.GetTimestamp();
        var running = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var due = origin + (long)((double)i * Stopwatch.Frequency / rate);
            var early = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (early > TimeSpan.FromMilliseconds(1))
            {
                // Timers are coarse: wake a little early, then start every request that is due at once.
                await Task.Delay(early - TimeSpan.FromMilliseconds(0.5), cancellationToken);
            }

            var index = i;
            running[i] = Task.Run(() => start(index, due), cancellationToken);
        }

        var starting = Stopwatch.GetElapsedTime(origin);
        await Task.WhenAll(running);
        return (starting, Stopwatch.GetElapsedTime(origin));
    }
}
