using Fieldlink.Sdk;

namespace Fieldlink.Core.Connections;

/// <summary>
/// This process's connection state of each provider instance it keeps open (or failed to open), in memory: what its
/// connectors report through their sinks, and what <see cref="Connectors.ConnectorInstances"/> knows (opening, a
/// failed open, started, closed). A change wakes the <see cref="ConnectionReportWriter"/>, which stores it; a report
/// that changes nothing costs a comparison. Thread-safe.
/// </summary>
public sealed class ProcessConnections(TimeProvider time) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Entry> _entries = [];
    private readonly HashSet<Guid> _changed = [];
    private readonly HashSet<Guid> _closed = [];
    private bool _disposed;

    /// <summary>Notified at every change, for the writer.</summary>
    internal ConnectionReportSignal Changed { get; } = new(time);

    /// <summary>The instances this process reports on.</summary>
    public IReadOnlyList<Guid> Ids
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries.Keys];
            }
        }
    }

    /// <summary>This process's own state of an instance, or null when it has none open.</summary>
    public (InstanceConnectionState State, DateTimeOffset Since, string? LastError)? Find(Guid providerInstanceId)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(providerInstanceId, out var entry) ? (entry.State, entry.Since, entry.LastError) : null;
        }
    }

    /// <summary>
    /// The instance is being opened (again): Connecting, until its connector reports or its start returns. One that
    /// failed to open stays Disconnected while it is tried again, so its <c>since</c> tells how long it has failed.
    /// </summary>
    public void Opening(Guid providerInstanceId)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(providerInstanceId, out var entry) && entry.State == InstanceConnectionState.Disconnected)
            {
                _entries[providerInstanceId] = entry with { ByConnector = false };
                return;
            }
        }

        Set(providerInstanceId, InstanceConnectionState.Connecting, null, create: true, byConnector: false);
    }

    /// <summary>What the instance's connector reported through its sink; ignored once the instance is closed.</summary>
    public void Report(Guid providerInstanceId, InstanceConnectionState state, string? reason) =>
        Set(providerInstanceId, state, reason, create: false, byConnector: true);

    /// <summary>The instance's start returned: Connected, unless its connector reported a state of its own.</summary>
    public void Started(Guid providerInstanceId) =>
        Set(providerInstanceId, InstanceConnectionState.Connected, null, create: false, byConnector: false, unlessReported: true);

    /// <summary>The instance could not be opened (bad settings, a connector not installed, a start that threw): Disconnected, with why.</summary>
    public void OpenFailed(Guid providerInstanceId, string reason) =>
        Set(providerInstanceId, InstanceConnectionState.Disconnected, reason, create: true, byConnector: false);

    /// <summary>The instance was closed (disabled, deleted, or this process stops): its report is deleted.</summary>
    public void Closed(Guid providerInstanceId)
    {
        lock (_lock)
        {
            if (!_entries.Remove(providerInstanceId))
            {
                return;
            }

            _changed.Remove(providerInstanceId);
            _closed.Add(providerInstanceId);
        }

        Wake();
    }

    /// <summary>Closes the reports of every instance but <paramref name="open"/> (an instance that failed to open and was then disabled).</summary>
    public void Retain(IReadOnlySet<Guid> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        foreach (var id in Ids.Where(id => !open.Contains(id)))
        {
            Closed(id);
        }
    }

    /// <summary>Takes what changed and what closed since the last take, for the <see cref="ConnectionReportWriter"/> to store.</summary>
    public (IReadOnlyList<(Guid Id, InstanceConnectionState State, DateTimeOffset Since, string? LastError)> Changed, IReadOnlyList<Guid> Closed) Take()
    {
        lock (_lock)
        {
            var changed = _changed.Where(_entries.ContainsKey).Select(id => (id, _entries[id].State, _entries[id].Since, _entries[id].LastError)).ToList();
            var closed = _closed.ToList();
            _changed.Clear();
            _closed.Clear();
            return (changed, closed);
        }
    }

    /// <summary>Marks what a failed write took as changed again, so the next round writes it (unless it changed or closed meanwhile).</summary>
    internal void Unwritten(IEnumerable<Guid> changed, IEnumerable<Guid> closed)
    {
        lock (_lock)
        {
            _changed.UnionWith(changed.Where(_entries.ContainsKey));
            _closed.UnionWith(closed.Where(id => !_entries.ContainsKey(id)));
        }
    }

    /// <summary>Marks every open instance as changed: its row went missing (another process pruned it after a pause).</summary>
    internal void RewriteAll()
    {
        lock (_lock)
        {
            _changed.UnionWith(_entries.Keys);
        }

        Wake();
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        Changed.Dispose();
    }

    /// <summary>
    /// Wakes the writer; nothing once disposed: a host stopped after its services were disposed (a test server disposed
    /// twice) still closes its instances, and what they report then has nowhere to go.
    /// </summary>
    private void Wake()
    {
        if (Volatile.Read(ref _disposed))
        {
            return;
        }

        try
        {
            Changed.Notify();
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the look and the call.
        }
    }

    private void Set(Guid providerInstanceId, InstanceConnectionState state, string? reason, bool create, bool byConnector, bool unlessReported = false)
    {
        if (reason is { Length: > ConnectionReport.LastErrorMaxLength })
        {
            reason = reason[..(ConnectionReport.LastErrorMaxLength - 1)] + "…";
        }

        lock (_lock)
        {
            var exists = _entries.TryGetValue(providerInstanceId, out var entry);
            if ((!exists && !create) || (unlessReported && entry is { ByConnector: true }))
            {
                return;
            }

            // Opening again (a reopen) or failing to: what the connector said before no longer holds.
            var reported = byConnector || (!create && entry is { ByConnector: true });
            _entries[providerInstanceId] = new Entry(state, exists && entry!.State == state ? entry.Since : time.GetUtcNow(), reason, reported);
            if (exists && entry!.State == state && entry.LastError == reason)
            {
                return;
            }

            _changed.Add(providerInstanceId);
            _closed.Remove(providerInstanceId);
        }

        Wake();
    }

    private sealed record Entry(InstanceConnectionState State, DateTimeOffset Since, string? LastError, bool ByConnector);
}
