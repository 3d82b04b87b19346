using System.Collections.Concurrent;

namespace Fieldlink.Core.Readings;

/// <summary>
/// The ids of the series this process has seen, so a batch of readings costs no look-up per reading. Series
/// rows are never renumbered, so an entry stays right for as long as its device exists; a deleted device's
/// entries are simply never asked for again (a new device has a new id). One per process and database:
/// registered as a singleton next to the store it caches. Thread-safe.
/// </summary>
public sealed class ReadingSeriesCache
{
    private readonly ConcurrentDictionary<(Guid DeviceRecordId, string Measure), int> _ids = new();

    public int Count => _ids.Count;

    public bool TryGet(Guid deviceRecordId, string measure, out int seriesId) =>
        _ids.TryGetValue((deviceRecordId, measure), out seriesId);

    public void Add(Guid deviceRecordId, string measure, int seriesId) =>
        _ids[(deviceRecordId, measure)] = seriesId;
}
