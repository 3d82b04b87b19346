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

        var seriesIds = await SeriesIdsAsync(readings, cancellationToken);

        // One row per (series, timestamp), the last of the batch winning, in key order: key order makes concurrent
        // batches take row locks in the same order, so they queue rather than deadlock. Sorted in an array with the
        // arrival order as the last key (rather than folded through a dictionary and ordered by LINQ), so a batch
        // costs one array and its rows, not a dictionary and three sorting buffers of its size.
        var keyed = new (int SeriesId, long Ticks, int Index)[readings.Count];
        for (var i = 0; i < readings.Count; i++)
        {
            keyed[i] = (seriesIds[i], ReadingTime.Normalize(readings[i].Timestamp).UtcTicks, i);
        }

        Array.Sort(keyed);
        var ordered = new List<Reading>(keyed.Length);
        var devices = new HashSet<Guid>();
        for (var k = 0; k < keyed.Length; k++)
        {
            var (seriesId, ticks, index) = keyed[k];
            if (k + 1 < keyed.Length && keyed[k + 1].SeriesId == seriesId && keyed[k + 1].Ticks == ticks)
            {
                continue;
            }

            var reading = readings[index];
            devices.Add(reading.DeviceRecordId);
            ordered.Add(new Reading { SeriesId = seriesId, Timestamp = new DateTimeOffset(ticks, TimeSpan.Zero), Value = reading.Value });
        }

        var latest = lastActivity.Due(activity
            .GroupBy(a => a.DeviceRecordId)
            .Select(g => new DeviceActivity(g.Key, ReadingTime.Normalize(g.Max(a => a.At))))
            .OrderBy(a => a.DeviceRecordId));

        await db.ReadingsSql.WriteAsync(db, ordered, latest, [.. devices.Select(d => RecordChange.Any(RecordKind.Reading, d))], cancellationToken);
        lastActivity.Written(latest);
        return ordered.Count;
    }

    /// <summary>The series id of each reading, in order; series not known yet are added first.</summary>
    private async Task<int[]> SeriesIdsAsync(IReadOnlyList<DeviceReading> readings, CancellationToken cancellationToken)
    {
        var ids = new int[readings.Count];
        HashSet<(Guid DeviceRecordId, string Measure)>? missing = null;
        for (var i = 0; i < readings.Count; i++)
        {
            var reading = readings[i];
            if (!cache.TryGet(reading.DeviceRecordId, reading.Measure, out ids[i]))
            {
                (missing ??= []).Add((reading.DeviceRecordId, reading.Measure));
                ids[i] = -1;
            }
        }

        if (missing is null)
        {
            return ids;
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

        for (var i = 0; i < readings.Count; i++)
        {
            if (ids[i] < 0 && !cache.TryGet(readings[i].DeviceRecordId, readings[i].Measure, out ids[i]))
            {
                throw new InvalidOperationException($"No series for device {readings[i].DeviceRecordId}, measure '{readings[i].Measure}'.");
            }
        }

        return ids;
    }
}
