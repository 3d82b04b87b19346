using System.Diagnostics;
using HdrHistogram;

namespace Fieldlink.Bench.Suite;

/// <summary>
/// Closed-loop HTTP load, for throughput: each client sends its next request as soon as its last one is answered, for
/// a fixed time, so the rate reached is the most those clients get through. Its latencies are those of requests that
/// never queue behind a schedule; where latency is the figure, use <see cref="OpenLoopLoad"/>.
/// </summary>
public static class ClosedLoopLoad
{
    /// <summary>Runs every client back to back for <paramref name="duration"/>; request numbers are shared, so each is sent once.</summary>
    public static async Task<HttpLoadResult> RunAsync(
        IReadOnlyList<HttpClient> clients, TimeSpan duration, Func<int, HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(request);
        var latency = new LongHistogram(TimeSpan.FromMinutes(10).Ticks / 10, 3);
        long completed = 0, failed = 0;
        string? firstFailure = null;
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        long lastAnswer = start;
        await Task.WhenAll(clients.Select(client => Task.Run(
            async () =>
            {
                while (Stopwatch.GetElapsedTime(start) < duration)
                {
                    using var message = request(Interlocked.Increment(ref next));
                    var sent = Stopwatch.GetTimestamp();
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

                    var answered = Stopwatch.GetTimestamp();
                    lock (latency)
                    {
                        latency.RecordValue(Math.Max(1, (answered - sent) * 1_000_000 / Stopwatch.Frequency));
                        lastAnswer = Math.Max(lastAnswer, answered);
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
            },
            cancellationToken)));
        return new HttpLoadResult(double.NaN, completed, failed, Stopwatch.GetElapsedTime(start, lastAnswer), latency, firstFailure);
    }
}
