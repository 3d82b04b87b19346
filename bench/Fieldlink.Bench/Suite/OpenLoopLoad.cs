using System.Diagnostics;
using HdrHistogram;

namespace Fieldlink.Bench.Suite;

/// <summary>
/// Open-loop HTTP load: request <c>i</c> is due at <c>i / rate</c> seconds and starts then, whatever the earlier ones
/// are doing, so a slow answer queues the requests behind it instead of slowing the schedule (a closed loop would wait,
/// send less, and hide the very latency being measured). Each latency is counted from the request's due time, not from
/// when it actually left: if the machine or this generator falls behind, the delay counts against the request, which is
/// the coordinated-omission correction. Requests go out through the clients in turn (request <c>i</c> through client
/// <c>i mod clients</c>), each client opening more connections when its requests overlap.
/// </summary>
public static class OpenLoopLoad
{
    /// <summary>
    /// Sends <paramref name="count"/> requests at <paramref name="rate"/> per second and waits for every answer;
    /// <paramref name="request"/> makes request <c>i</c> (a new message each time: a message cannot be sent twice).
    /// </summary>
    public static async Task<HttpLoadResult> RunAsync(
        IReadOnlyList<HttpClient> clients, double rate, int count, Func<int, HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfZero(clients.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var latency = new LongHistogram(TimeSpan.FromMinutes(10).Ticks / 10, 3);
        long completed = 0, failed = 0;
        string? firstFailure = null;
        var sending = new Task[count];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            sending[i] = SendAsync(clients[i % clients.Count], request(i), start + (long)(due.TotalSeconds * Stopwatch.Frequency));
        }

        await Task.WhenAll(sending);
        return new HttpLoadResult(rate, completed, failed, Stopwatch.GetElapsedTime(start), latency, firstFailure);

        async Task SendAsync(HttpClient client, HttpRequestMessage message, long dueTimestamp)
        {
            // Off the scheduling loop at once: the request's own work (serialising, connecting) must not delay the next.
            await Task.Yield();
            string? failure = null;
            try
            {
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    failure = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
                }
            }
            catch (HttpRequestException ex)
            {
                failure = ex.Message;
            }
            finally
            {
                message.Dispose();
            }

            var micros = Math.Max(1, (Stopwatch.GetTimestamp() - dueTimestamp) * 1_000_000 / Stopwatch.Frequency);
            lock (latency)
            {
                latency.RecordValue(Math.Min(micros, latency.HighestTrackableValue));
                if (failure is null)
                {
                    completed++;
                }
                else
                {
                    failed++;
                    firstFailure ??= failure.Length > 300 ? failure[..300] : failure;
                }
            }
        }
    }
}
