using Fieldlink.Core.Live;

namespace Fieldlink.Core.Actions;

/// <summary>
/// The devices the command dispatcher recently sent to, with their provider instances and providers, by device record
/// id. The dispatcher resolves every round's devices; at a few hundred commands a second a round is often one command,
/// and reading its device, instance and provider again cost each command a query on the way to its device (issue 15).
/// </summary>
/// <remarks>
/// Forgotten, all at once, when a device, a provider instance or a provider is written (<see cref="RecordKind.Device"/>,
/// <see cref="RecordKind.ProviderInstance"/>, <see cref="RecordKind.Provider"/>, announced by every SaveChanges of
/// them: a device moved to another instance or deleted, an instance disabled or given other settings, a provider given
/// another connector), in this process as the write commits and in the others by notification
/// (<see cref="AnnouncedCache{TKey, TValue}"/>). What is kept is only read, never saved: its devices' last activity,
/// written in bulk and not announced, may be older than the row's. Devices not found are not remembered.
/// One per process; thread-safe.
/// </remarks>
public sealed class ActionTargetCache(ChangeFeed changes, TimeProvider time) : IDisposable
{
    /// <summary>The longest a target is used without reading it again, where no announcement can come.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    /// <summary>Past this many devices the cache starts afresh.</summary>
    public const int MaxEntries = 100_000;

    private readonly AnnouncedCache<Guid, ActionTarget> _targets =
        new(changes, time, MaxAge, MaxEntries, [RecordKind.Device, RecordKind.ProviderInstance, RecordKind.Provider]);

    /// <summary>
    /// The targets of <paramref name="deviceIds"/> that exist: from memory when read less than <see cref="MaxAge"/> ago
    /// and unchanged since, the others by <paramref name="read"/> in one go.
    /// </summary>
    public async Task<List<ActionTarget>> ResolveAsync(
        IReadOnlyCollection<Guid> deviceIds, Func<IReadOnlyCollection<Guid>, CancellationToken, Task<List<ActionTarget>>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        ArgumentNullException.ThrowIfNull(read);
        var reading = _targets.BeginRead();
        var found = new List<ActionTarget>(deviceIds.Count);
        List<Guid>? wanted = null;
        foreach (var id in deviceIds)
        {
            if (_targets.TryGet(id, reading, out var target))
            {
                found.Add(target);
            }
            else
            {
                (wanted ??= []).Add(id);
            }
        }

        if (wanted is null)
        {
            return found;
        }

        var stored = await read(wanted, cancellationToken);
        found.AddRange(stored);
        _targets.Keep(reading, stored.Select(t => KeyValuePair.Create(t.Device.Id, t)));
        return found;
    }

    public void Dispose() => _targets.Dispose();
}
