namespace Fieldlink.Core.Live;

/// <summary>
/// The changes of one unit of work, collected as the writes happen and announced once after the commit. It stays
/// small whatever the batch: past <see cref="MaxPerKind"/> changes of a kind it keeps only which devices they concern
/// (<see cref="RecordChange.Any(RecordKind, Guid?)"/>), and past that many devices only that the kind changed; a page
/// then reloads what it shows of the kind, as it would for the ids. So a batch of 10,000 alerts costs a set lookup
/// per alert and one small notification. Not thread-safe, like the DbContext it belongs to.
/// </summary>
public sealed class ChangeSet
{
    /// <summary>How many changes of one kind are named one by one, and then how many devices (100).</summary>
    public const int MaxPerKind = 100;

    private readonly Dictionary<RecordKind, KindChanges> _kinds = [];

    /// <summary>Whether nothing was collected.</summary>
    public bool IsEmpty => _kinds.Count == 0;

    /// <summary>Adds one change.</summary>
    public void Add(RecordChange change)
    {
        if (!_kinds.TryGetValue(change.Kind, out var kind))
        {
            kind = new KindChanges();
            _kinds[change.Kind] = kind;
        }

        kind.Add(change);
    }

    /// <summary>Adds every change of <paramref name="changes"/>.</summary>
    public void AddRange(IEnumerable<RecordChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            Add(change);
        }
    }

    /// <summary>Adds the changes of <paramref name="other"/>.</summary>
    public void AddRange(ChangeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var kind in other._kinds.Values)
        {
            AddRange(kind.Changes);
        }
    }

    /// <summary>Forgets everything collected.</summary>
    public void Clear() => _kinds.Clear();

    /// <summary>What was collected, kind by kind.</summary>
    public IReadOnlyList<RecordChange> ToList() => [.. _kinds.Values.SelectMany(k => k.Changes)];

    private sealed class KindChanges
    {
        private HashSet<RecordChange> _changes = [];
        private bool _byDevice;
        private RecordKind? _all;

        public IEnumerable<RecordChange> Changes => _all is { } kind ? [RecordChange.Any(kind)] : _changes;

        public void Add(RecordChange change)
        {
            if (_all is not null)
            {
                return;
            }

            var entry = _byDevice ? RecordChange.Any(change.Kind, change.DeviceId) : change;
            if (entry is { IsAny: true, DeviceId: null })
            {
                _all = change.Kind;
                _changes.Clear();
                return;
            }

            _changes.Add(entry);
            if (_changes.Count <= MaxPerKind)
            {
                return;
            }

            if (!_byDevice && _changes.All(c => c.DeviceId is not null))
            {
                _byDevice = true;
                _changes = [.. _changes.Select(c => RecordChange.Any(c.Kind, c.DeviceId))];
                if (_changes.Count <= MaxPerKind)
                {
                    return;
                }
            }

            _all = change.Kind;
            _changes.Clear();
        }
    }
}
