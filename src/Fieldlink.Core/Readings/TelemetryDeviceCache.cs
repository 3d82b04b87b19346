using System.Collections.Concurrent;
using Fieldlink.Core.Data;
using Fieldlink.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Readings;

/// <summary>
/// The devices telemetry has recently named, by provider instance and <c>deviceId</c>: their record id and category.
/// A fleet reports the same devices batch after batch, and looking them up cost every batch a query of a thousand keys
/// (a round trip, and PostgreSQL's index look-ups, on the same cores as the COPY it waits for).
/// </summary>
/// <remarks>
/// Forgotten, all at once, when a device or a provider instance is written (<see cref="RecordKind.Device"/>,
/// <see cref="RecordKind.ProviderInstance"/>, announced by every SaveChanges of them: a device deleted, renamed, moved
/// or given another category; an instance deleted with its devices), in this process as the write commits and in the
/// others of a PostgreSQL fleet by notification, and after notifications may have been missed. A look-up under way
/// when such a change is announced is not kept. Where no announcement can come, an entry is used at most
/// <see cref="MaxAge"/> after its read began. Devices not found are not remembered, so a device registered a moment
/// ago is found by the next batch. Its last activity, written in bulk and not announced, does not matter here.
/// One per process; thread-safe.
/// </remarks>
public sealed class TelemetryDeviceCache : IDisposable
{
    /// <summary>The longest an entry is used without reading the device again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    /// <summary>Past this many devices the cache starts afresh, so a fleet larger than memory should hold is not all kept.</summary>
    public const int MaxEntries = 200_000;

    private readonly ConcurrentDictionary<(Guid ProviderInstanceId, string DeviceId), Entry> _entries = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;
    private long _generation;

    public TelemetryDeviceCache(ChangeFeed changes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(changes);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _subscription = changes.Subscribe(OnChanges);
    }

    /// <summary>
    /// The devices of <paramref name="deviceIds"/> that exist in the instance, by <c>deviceId</c>: from memory when read
    /// less than <see cref="MaxAge"/> ago and unchanged since, the others in one query.
    /// </summary>
    public async Task<Dictionary<string, TelemetryDevice>> FindAsync(
        FieldlinkDbContext db, Guid providerInstanceId, IReadOnlyCollection<string> deviceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(deviceIds);
        var started = _time.GetTimestamp();
        var found = new Dictionary<string, TelemetryDevice>(deviceIds.Count, StringComparer.Ordinal);
        List<string>? wanted = null;
        foreach (var deviceId in deviceIds)
        {
            if (_entries.TryGetValue((providerInstanceId, deviceId), out var entry) && _time.GetElapsedTime(entry.ReadAt, started) < MaxAge)
            {
                found[deviceId] = entry.Device;
            }
            else
            {
                (wanted ??= []).Add(deviceId);
            }
        }

        if (wanted is null)
        {
            return found;
        }

        var generation = Volatile.Read(ref _generation);
        var read = await db.Devices.AsNoTracking()
            .Where(d => d.ProviderInstanceId == providerInstanceId && wanted.Contains(d.DeviceId))
            .Select(d => new TelemetryDevice(d.Id, d.DeviceId, d.CategoryId))
            .ToListAsync(cancellationToken);
        lock (_gate)
        {
            var keep = generation == _generation;
            if (keep && _entries.Count + read.Count > MaxEntries)
            {
                _entries.Clear();
            }

            foreach (var device in read)
            {
                found[device.DeviceId] = device;
                if (keep)
                {
                    _entries[(providerInstanceId, device.DeviceId)] = new Entry(device, started);
                }
            }
        }

        return found;
    }

    public void Dispose() => _subscription.Dispose();

    private void OnChanges(IReadOnlyList<RecordChange> changes)
    {
        foreach (var change in changes)
        {
            if (change.Kind is RecordKind.Device or RecordKind.ProviderInstance)
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

    private sealed record Entry(TelemetryDevice Device, long ReadAt);
}
