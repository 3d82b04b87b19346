using Fieldlink.Core.Data;
using Fieldlink.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Settings;

/// <summary>
/// The IoT settings as this process last read them, so alert ingestion (which reads the grouping settings for every
/// batch) costs no round trip for them. Read again when a change of the settings is announced
/// (<see cref="RecordKind.Settings"/>: at once in this process, by notification in the others on PostgreSQL, and after
/// notifications may have been missed), and at least every <see cref="MaxAge"/>, for a change no announcement reached.
/// A read under way when a change is announced is not kept. One per process; thread-safe. The settings handed out are
/// shared: read them, never change them.
/// </summary>
public sealed class SettingsCache : IDisposable
{
    /// <summary>The longest the settings are used without reading them again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;
    private Snapshot? _current;
    private long _generation;

    public SettingsCache(ChangeFeed changes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(changes);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _subscription = changes.Subscribe(OnChanges);
    }

    /// <summary>The settings: from memory when read less than <see cref="MaxAge"/> ago and unchanged since, else from <paramref name="db"/>.</summary>
    public async ValueTask<IoTSettings> GetAsync(FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var started = _time.GetTimestamp();
        if (Volatile.Read(ref _current) is { } current && _time.GetElapsedTime(current.ReadAt, started) < MaxAge)
        {
            return current.Settings;
        }

        var generation = Volatile.Read(ref _generation);
        var settings = await db.Settings.AsNoTracking().SingleAsync(cancellationToken);
        lock (_gate)
        {
            if (generation == _generation)
            {
                _current = new Snapshot(settings, started);
            }
        }

        return settings;
    }

    public void Dispose() => _subscription.Dispose();

    private sealed record Snapshot(IoTSettings Settings, long ReadAt);

    private void OnChanges(IReadOnlyList<RecordChange> changes)
    {
        foreach (var change in changes)
        {
            if (change.Kind == RecordKind.Settings)
            {
                lock (_gate)
                {
                    _generation++;
                    _current = null;
                }

                return;
            }
        }
    }
}
