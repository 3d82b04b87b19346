using System.Collections.Concurrent;

namespace Fieldlink.Core.Live;

/// <summary>
/// Records read from the store and kept in memory until a write of their kind is announced on the
/// <see cref="ChangeFeed"/> (in this process as the write commits, in the others of a PostgreSQL fleet by
/// notification, and as "anything may have changed" after notifications may have been missed), then forgotten all at
/// once. A read under way when such a change is announced is not kept (<see cref="BeginRead"/>, <see cref="Keep"/>).
/// Where no announcement can come, an entry is used at most <see cref="MaxAge"/> after its read began. Past
/// <see cref="MaxEntries"/> the cache starts afresh. Thread-safe.
/// </summary>
public sealed class AnnouncedCache<TKey, TValue> : IDisposable
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly HashSet<RecordKind> _kinds;
    private readonly IDisposable _subscription;
    private long _generation;

    /// <param name="changes">The feed whose announcements of <paramref name="kinds"/> forget every entry.</param>
    /// <param name="time">The clock of <see cref="MaxAge"/>.</param>
    /// <param name="maxAge">The longest an entry is used without reading it again.</param>
    /// <param name="maxEntries">Past this many entries the cache starts afresh.</param>
    /// <param name="kinds">The kinds of record whose writes change what is kept.</param>
    /// <param name="comparer">Compares the keys; the default one when null.</param>
    public AnnouncedCache(ChangeFeed changes, TimeProvider time, TimeSpan maxAge, int maxEntries, IEnumerable<RecordKind> kinds, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _entries = new ConcurrentDictionary<TKey, Entry>(comparer);
        _kinds = [.. kinds];
        MaxAge = maxAge;
        MaxEntries = maxEntries;
        _subscription = changes.Subscribe(OnChanges);
    }

    /// <summary>The longest an entry is used without reading it again.</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>Past this many entries the cache starts afresh.</summary>
    public int MaxEntries { get; }

    /// <summary>How many entries are kept (fresh or not).</summary>
    public int Count => _entries.Count;

    /// <summary>Starts a read: what the store says from now on may be kept by <see cref="Keep"/> unless a change is announced meanwhile.</summary>
    public Read BeginRead() => new(Volatile.Read(ref _generation), _time.GetTimestamp());

    /// <summary>The value of <paramref name="key"/> when kept and read less than <see cref="MaxAge"/> before <paramref name="read"/> began.</summary>
    public bool TryGet(TKey key, Read read, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && _time.GetElapsedTime(entry.ReadAt, read.Started) < MaxAge)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>The value kept for <paramref name="key"/>, however old: for what an earlier read left to carry over, not to answer with.</summary>
    public bool TryPeek(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Keeps what <paramref name="read"/> found, unless a change of its kinds was announced since it began.</summary>
    public void Keep(Read read, IEnumerable<KeyValuePair<TKey, TValue>> found)
    {
        ArgumentNullException.ThrowIfNull(found);
        lock (_gate)
        {
            if (read.Generation != _generation)
            {
                return;
            }

            foreach (var (key, value) in found)
            {
                if (_entries.Count >= MaxEntries)
                {
                    _entries.Clear();
                }

                _entries[key] = new Entry(value, read.Started);
            }
        }
    }

    /// <summary>Forgets one entry (a record found gone, say).</summary>
    public void Forget(TKey key) => _entries.TryRemove(key, out _);

    public void Dispose() => _subscription.Dispose();

    private void OnChanges(IReadOnlyList<RecordChange> changes)
    {
        for (var i = 0; i < changes.Count; i++)
        {
            if (_kinds.Contains(changes[i].Kind))
            {
                lock (_gate)
                {
                    _generation++;
                    _entries.Clear();
                }

                return;
            }
        }
    }

    /// <summary>A read under way: the generation it began in and when.</summary>
    public readonly record struct Read(long Generation, long Started);

    private sealed record Entry(TValue Value, long ReadAt);
}
