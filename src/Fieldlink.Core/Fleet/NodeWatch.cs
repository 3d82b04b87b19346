namespace Fieldlink.Core.Fleet;

/// <summary>
/// Decides which other processes are dead from what this one sees of their rows over time. A node is dead when its
/// heartbeat is older than <see cref="FleetOptions.DeadAfter"/> by this process's clock AND this process has seen the
/// same heartbeat for at least <c>DeadAfter - HeartbeatInterval</c> by its own clock. The second condition costs
/// nothing while this process watches (it saw the last beat at most one interval after it was written), and it keeps a
/// living process whose clock lags from being taken as dead: its heartbeat keeps changing. Not thread-safe: one owner.
/// </summary>
public sealed class NodeWatch(FleetOptions options)
{
    private readonly Dictionary<string, (Guid Incarnation, DateTimeOffset HeartbeatAt, DateTimeOffset SeenSince)> _seen = new(StringComparer.Ordinal);

    /// <summary>Notes the rows of the other nodes read at <paramref name="now"/> and returns those that are dead.</summary>
    public List<FleetNode> Observe(IReadOnlyCollection<FleetNode> others, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(others);
        var dead = new List<FleetNode>();
        foreach (var node in others)
        {
            if (!_seen.TryGetValue(node.Name, out var seen) || seen.Incarnation != node.Incarnation || seen.HeartbeatAt != node.HeartbeatAt)
            {
                seen = (node.Incarnation, node.HeartbeatAt, now);
                _seen[node.Name] = seen;
            }

            if (now - node.HeartbeatAt > options.DeadAfter && now - seen.SeenSince >= options.DeadAfter - options.HeartbeatInterval)
            {
                dead.Add(node);
            }
        }

        // Forget the rows that are gone (a node that stopped, or that another survivor released).
        foreach (var name in _seen.Keys.Where(name => !others.Any(n => n.Name == name)).ToList())
        {
            _seen.Remove(name);
        }

        return dead;
    }
}
