using Fieldlink.Core.Data;
using Microsoft.Extensions.Time.Testing;

namespace Fieldlink.Core.Tests.Data;

/// <summary>A worker's wake-up signal waits on the injected clock, so a test moves time instead of sleeping.</summary>
public sealed class WakeUpSignalTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TestSignal _signal;

    public WakeUpSignalTests() => _signal = new TestSignal(_time);

    public void Dispose() => _signal.Dispose();

    [Fact]
    public async Task WaitAsync_times_out_when_the_clock_passes_the_timeout_and_not_before()
    {
        var waiting = _signal.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task WaitAsync_returns_true_on_a_notification_before_or_during_the_wait_and_many_wake_it_once()
    {
        _signal.Notify();
        _signal.Notify();
        Assert.True(await _signal.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None));

        var waiting = _signal.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        _signal.Notify();
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task WaitAsync_throws_when_canceled()
    {
        using var stop = new CancellationTokenSource();
        var waiting = _signal.WaitAsync(TimeSpan.FromSeconds(10), stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task RunRoundsAsync_goes_on_at_once_after_a_full_batch_and_otherwise_after_the_poll_interval_on_the_clock()
    {
        using var stop = new CancellationTokenSource();
        var handled = new Queue<int>([2, 1, 0]);
        var rounds = 0;
        var failures = 0;
        var roundRan = new SemaphoreSlim(0);
        var running = _signal.RunRoundsAsync(
            _ =>
            {
                rounds++;
                roundRan.Release();
                return rounds == 3 ? throw new InvalidOperationException("A round failed.") : Task.FromResult(handled.TryDequeue(out var n) ? n : 0);
            },
            batchSize: 2,
            pollInterval: TimeSpan.FromSeconds(1),
            failed: _ => failures++,
            stop.Token);

        // The first round handled a full batch: the second follows at once; it did not, so the loop waits.
        Assert.True(await roundRan.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(await roundRan.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(await roundRan.WaitAsync(TimeSpan.FromMilliseconds(100)));
        Assert.Equal(2, rounds);

        // The poll interval passes on the clock: the third round runs and fails, which is logged and does not end the loop.
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await roundRan.WaitAsync(TimeSpan.FromSeconds(5)));
        _signal.Notify();
        Assert.True(await roundRan.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, failures);

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private sealed class TestSignal(TimeProvider time) : WakeUpSignal(time);
}
