using Fieldlink.Core.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Fleet;

/// <summary>
/// The MQTT sessions of dead nodes this process owes a takeover (it released those nodes, so no other process will):
/// one takeover of each node at a time, in the background of the beats, and each instance's session that could not be
/// taken over (the broker down, or refusing, at that moment) is tried again at the next beat until it is — what the
/// broker parked there is stored only then. Dropped when the node is back under its name (it resumes its sessions
/// itself; a takeover would now disconnect it) or the instance is no longer open here. Owed in memory: a process that
/// stops owes nothing any more, and the sessions wait for their node's return or their expiry. Thread-safe.
/// </summary>
internal sealed class SessionTakeovers(IServiceScopeFactory scopes, ILogger log)
{
    private static readonly TimeSpan TakeOverTimeout = TimeSpan.FromMinutes(2);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Owed> _owed = new(StringComparer.Ordinal);

    /// <summary>Owes the takeover of <paramref name="deadNode"/>'s sessions, made from the next <see cref="Run"/>.</summary>
    public void Owe(string deadNode)
    {
        lock (_gate)
        {
            _owed[deadNode] = new Owed();
        }
    }

    /// <summary>
    /// Starts the takeovers owed whose node is not among <paramref name="livingNodes"/> and that are not under way; a
    /// node back under its name is dropped.
    /// </summary>
    public void Run(IReadOnlyCollection<string> livingNodes, CancellationToken stopping)
    {
        lock (_gate)
        {
            foreach (var (node, owed) in _owed.ToList())
            {
                if (livingNodes.Contains(node, StringComparer.Ordinal))
                {
                    _owed.Remove(node);
                    FleetLog.SessionTakeOverDropped(log, node, owed.Remaining?.Count ?? 0);
                }
                else if (owed.Running is null || owed.Running.IsCompleted)
                {
                    owed.Running = TakeOverAsync(node, owed, stopping);
                }
            }
        }
    }

    /// <summary>Waits for the takeovers under way (canceled with the beats: what one has not stored stays unacknowledged in the session).</summary>
    public Task StoppedAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_owed.Values.Select(o => o.Running).OfType<Task>());
        }
    }

    /// <summary>How many nodes' takeovers are still owed.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _owed.Count;
            }
        }
    }

    /// <summary>
    /// One attempt at each instance still owed, one after another. The instances are those open when the node was
    /// first taken over; one that opens later never held a session of the dead node.
    /// </summary>
    private async Task TakeOverAsync(string deadNode, Owed owed, CancellationToken stopping)
    {
        await Task.Yield();

        // Optional: a host without connectors (a test of the fleet alone) has no sessions to take over.
        await using var scope = scopes.CreateAsyncScope();
        var open = scope.ServiceProvider.GetService<ConnectorInstances>()?.OpenOffering<Sdk.ITakeOverSessions>() ?? [];
        owed.Remaining ??= [.. open.Select(o => o.ProviderInstanceId)];
        foreach (var (id, instance) in open.Where(o => owed.Remaining.Contains(o.ProviderInstanceId)))
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                timeout.CancelAfter(TakeOverTimeout);
                var messages = await instance.TakeOverSessionAsync(deadNode, timeout.Token);
                owed.Remaining.Remove(id);
                FleetLog.SessionTakenOver(log, deadNode, id, messages);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                FleetLog.SessionTakeOverFailed(log, ex, deadNode, id);
            }
        }

        // An instance closed here meanwhile (removed, or its provider's connector changed) is no longer ours to drain.
        owed.Remaining.IntersectWith(open.Select(o => o.ProviderInstanceId));
        if (owed.Remaining.Count == 0)
        {
            lock (_gate)
            {
                if (_owed.TryGetValue(deadNode, out var current) && current == owed)
                {
                    _owed.Remove(deadNode);
                }
            }
        }
    }

    private sealed class Owed
    {
        public HashSet<Guid>? Remaining { get; set; }

        public Task? Running { get; set; }
    }
}
