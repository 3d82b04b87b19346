using Microsoft.Extensions.Time.Testing;

namespace Fieldlink.Server.Tests.Infrastructure;

/// <summary>
/// A fake clock that counts the waits started on it, so a test moves it on only once a worker waits on it: moved
/// while the worker still finishes its pass, the worker's next wait would start at the moved time and never end.
/// </summary>
public sealed class WaitCountingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _waits;

    /// <summary>How many timers (a <c>Task.Delay</c> on this clock is one) were started.</summary>
    public int Waits => Volatile.Read(ref _waits);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _waits);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits (10 s at most) until at least <paramref name="count"/> waits were started.</summary>
    public async Task WaitedAsync(int count)
    {
        for (var i = 0; i < 200 && Waits < count; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(Waits >= count, $"The worker started {Waits} waits on the clock, not {count}, within 10 s.");
    }
}
