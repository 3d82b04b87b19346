using Fieldlink.Core.Fleet;

namespace Fieldlink.Core.Tests.Fleet;

/// <summary>When a survivor takes another node as dead: its heartbeat old by this clock, and unchanged while watched.</summary>
public sealed class NodeWatchTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly FleetOptions Options = new() { HeartbeatInterval = TimeSpan.FromSeconds(2), DeadAfter = TimeSpan.FromSeconds(10) };

    [Fact]
    public void Observe_takes_a_node_as_dead_once_its_heartbeat_is_DeadAfter_old_and_not_before()
    {
        var watch = new NodeWatch(Options);
        var node = Node("a", Start);

        for (var second = 0; second <= 10; second++)
        {
            Assert.Empty(watch.Observe([node], Start.AddSeconds(second)));
        }

        Assert.Equal("a", Assert.Single(watch.Observe([node], Start.AddSeconds(10.5))).Name);
    }

    [Fact]
    public void Observe_never_takes_a_node_that_keeps_beating_as_dead_even_with_its_clock_a_minute_behind()
    {
        var watch = new NodeWatch(Options);
        var incarnation = Guid.NewGuid();
        for (var second = 0; second < 60; second += 2)
        {
            // Its heartbeats are written by a clock a minute late: old by this clock, but each one new.
            Assert.Empty(watch.Observe([Node("a", Start.AddSeconds(second - 60), incarnation)], Start.AddSeconds(second)));
        }
    }

    [Fact]
    public void Observe_waits_until_a_survivor_that_just_started_has_watched_an_old_heartbeat_long_enough()
    {
        var watch = new NodeWatch(Options);
        var node = Node("a", Start.AddMinutes(-5));

        Assert.Empty(watch.Observe([node], Start));
        Assert.Empty(watch.Observe([node], Start.AddSeconds(7)));
        Assert.Single(watch.Observe([node], Start.AddSeconds(8)));
    }

    [Fact]
    public void Observe_starts_over_for_a_new_incarnation_under_the_same_name()
    {
        var watch = new NodeWatch(Options);
        Assert.Empty(watch.Observe([Node("a", Start.AddMinutes(-5))], Start));

        // Restarted under the same name meanwhile, with a heartbeat as old (a clock behind): watched anew.
        Assert.Empty(watch.Observe([Node("a", Start.AddMinutes(-5))], Start.AddSeconds(9)));
    }

    private static FleetNode Node(string name, DateTimeOffset heartbeatAt, Guid? incarnation = null) =>
        new() { Name = name, Incarnation = incarnation ?? Guid.NewGuid(), Host = "host", ProcessId = 1, StartedAt = heartbeatAt, HeartbeatAt = heartbeatAt };
}
