using Fieldlink.Core.Readings;

namespace Fieldlink.Core.Tests.Readings;

/// <summary>Last activity is written for a device first heard of, then again only once it moved on by the resolution.</summary>
public sealed class LastActivityThrottleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_device_is_due_first_then_only_once_its_activity_moved_on_by_the_resolution()
    {
        var throttle = new LastActivityThrottle(TimeSpan.FromSeconds(30));
        var (pump, fan) = (Guid.NewGuid(), Guid.NewGuid());

        var first = throttle.Due([new(pump, Start), new(fan, Start)]);
        throttle.Written(first);
        var soon = throttle.Due([new(pump, Start.AddSeconds(29)), new(fan, Start.AddSeconds(30))]);
        var earlier = throttle.Due([new(pump, Start.AddSeconds(-5))]);

        Assert.Equal(2, first.Count);
        Assert.Equal([new DeviceActivity(fan, Start.AddSeconds(30))], soon);
        Assert.Empty(earlier);
    }

    [Fact]
    public void What_was_not_written_stays_due()
    {
        var throttle = new LastActivityThrottle(TimeSpan.FromMinutes(1));
        var pump = Guid.NewGuid();

        _ = throttle.Due([new(pump, Start)]);

        Assert.Single(throttle.Due([new(pump, Start.AddSeconds(1))]));
    }

    [Fact]
    public void A_zero_resolution_writes_every_move()
    {
        var throttle = new LastActivityThrottle(TimeSpan.Zero);
        var pump = Guid.NewGuid();
        throttle.Written([new(pump, Start)]);

        Assert.Single(throttle.Due([new(pump, Start.AddTicks(10))]));
    }
}
