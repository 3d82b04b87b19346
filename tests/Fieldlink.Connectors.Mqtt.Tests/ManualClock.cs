namespace Fieldlink.Connectors.Mqtt.Tests;

/// <summary>A wall clock and a monotonic one, moved together by <see cref="Advance"/>, or the wall clock alone.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private long _elapsedTicks;

    public DateTimeOffset Now { get; set; } = now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => Now;

    public override long GetTimestamp() => _elapsedTicks;

    public void Advance(TimeSpan by)
    {
        Now += by;
        _elapsedTicks += by.Ticks;
    }
}
