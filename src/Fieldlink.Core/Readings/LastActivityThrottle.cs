using System.Collections.Concurrent;

namespace Fieldlink.Core.Readings;

/// <summary>
/// Decides which devices' last activity a batch of telemetry writes. A fleet reporting every second would otherwise
/// rewrite every device row with every batch: on PostgreSQL each such update is a new row version of a wide table with
/// seven indexes (a trigram one among them), and measured it cost as much as the batch's readings themselves. So this
/// process writes a device's last activity again only once it has moved on by <see cref="ReadingsOptions.LastActivityResolution"/>
/// past what it last wrote: the stored value lags the newest reading by less than that, and never moves back.
/// One per process (a singleton); other processes keep their own, so each writes at most once per resolution per device.
/// Thread-safe.
/// </summary>
public sealed class LastActivityThrottle(TimeSpan resolution)
{
    private readonly ConcurrentDictionary<Guid, long> _written = new();

    /// <summary>How far a device's activity must move on before it is written again.</summary>
    public TimeSpan Resolution { get; } = resolution;

    /// <summary>The entries of <paramref name="activity"/> worth writing: a device not written yet, or moved on by the resolution since.</summary>
    public List<DeviceActivity> Due(IEnumerable<DeviceActivity> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var due = new List<DeviceActivity>();
        foreach (var entry in activity)
        {
            if (!_written.TryGetValue(entry.DeviceRecordId, out var written) || entry.At.UtcTicks - written >= Resolution.Ticks)
            {
                due.Add(entry);
            }
        }

        return due;
    }

    /// <summary>Notes what a committed batch wrote, so later batches within the resolution skip those devices.</summary>
    public void Written(IEnumerable<DeviceActivity> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        foreach (var entry in activity)
        {
            _written.AddOrUpdate(entry.DeviceRecordId, entry.At.UtcTicks, (_, before) => Math.Max(before, entry.At.UtcTicks));
        }
    }
}
