using Fieldlink.Core.Data;
using Fieldlink.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Readings;

/// <summary>
/// Writes batches of readings: series ids from the <see cref="ReadingSeriesCache"/> (new series are added in one
/// short step of their own first), then all readings in one transaction and the devices' last activity (those the <see cref="LastActivityThrottle"/>
/// finds due), with the
/// database's bulk path (<see cref="ReadingsSql"/>), never EF change tracking per row. A stored batch is announced on
/// the live feed once, with its commit: <see cref="RecordKind.Reading"/> of each of its devices (folded by the
/// <see cref="ChangeSet"/> past <see cref="ChangeSet.MaxPerKind"/> devices), so a device's page reloads its tiles and chart.
/// </summary>
public sealed class ReadingsWriter(FieldlinkDbContext db, ReadingSeriesCache cache, LastActivityThrottle lastActivity)
{
    /// <summary>
    /// Stores <paramref name="readings"/>; a repeat of a device, measure and timestamp overwrites the value (the last
    /// in the batch wins), so a retried batch stores the same thing twice harmlessly. Returns when committed.
    /// </summary>
    /// <returns>How many distinct readings were written.</returns>
    public async Task<int> WriteAsync(IReadOnlyList<DeviceReading> readings, IReadOnlyList<DeviceActivity> activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(activity);
        if (readings.Count == 0 && activity.Count == 0)
        {
            return 0;
        }

        await ResolveSeriesAsync(readings, cancellationToken);

        var devices = new HashSet<Guid>();
        var rows = new Dictionary<(int, long), Reading>(readings.Count);
        foreach (var reading in readings)
        {
            if (!cache.TryGet(reading.DeviceRecordId, reading.Measure, out var seriesId))
            {
                throw new InvalidOperationException($"No series for device {reading.DeviceRecordId}, measure '{reading.Measure}'.");
            }

            devices.Add(reading.DeviceRecordId);
            var timestamp = ReadingTime.Normalize(reading.Timestamp);
            rows[(seriesId, timestamp.UtcTicks)] = new Reading { SeriesId = seriesId, Timestamp = timestamp, Value = reading.Value };
        }

        // Key order makes concurrent batches take row locks in the same order, so they queue rather than deadlock.
        var ordered = rows.Values.OrderBy(r => r.SeriesId).ThenBy(r => r.Timestamp.UtcTicks).ToList();
        var latest = lastActivity.Due(activity
            .GroupBy(a => a.DeviceRecordId)
            .Select(g => new DeviceActivity(g.Key, ReadingTime.Normalize(g.Max(a => a.At))))
            .OrderBy(a => a.DeviceRecordId));

        await db.ReadingsSql.WriteAsync(db, ordered, latest, [.. devices.Select(d => RecordChange.Any(RecordKind.Reading, d))], cancellationToken);
        lastActivity.Written(latest);
        return ordered.Count;
    }

    private async Task ResolveSeriesAsync(IReadOnlyList<DeviceReading> readings, CancellationToken cancellationToken)
    {
        var missing = new HashSet<(Guid DeviceRecordId, string Measure)>();
        foreach (var reading in readings)
        {
            if (!cache.TryGet(reading.DeviceRecordId, reading.Measure, out _))
            {
                missing.Add((reading.DeviceRecordId, reading.Measure));
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        // Outside the readings' transaction: a series row must outlive a batch that rolls back, or the cache would
        // hold an id that does not exist.
        await db.ReadingsSql.InsertSeriesAsync(db, missing, cancellationToken);
        var devices = missing.Select(m => m.DeviceRecordId).Distinct().ToList();
        var found = await db.ReadingSeries.AsNoTracking()
            .Where(s => devices.Contains(s.DeviceRecordId))
            .Select(s => new { s.Id, s.DeviceRecordId, s.Measure })
            .ToListAsync(cancellationToken);
        foreach (var series in found)
        {
            cache.Add(series.DeviceRecordId, series.Measure, series.Id);
        }
    }
}
