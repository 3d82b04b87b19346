using Fieldlink.Core.Data;
using Fieldlink.Core.Live;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Readings;

/// <summary>
/// The few readings operations whose fast form differs per database: bulk writes (binary COPY on PostgreSQL,
/// a prepared statement in one transaction on SQLite) and bucketing in SQL (one range of the primary key per
/// bucket on PostgreSQL, integer division of microseconds on SQLite).
/// </summary>
/// <remarks>
/// Each <see cref="FieldlinkDbContext"/> subclass hands out its own (<see cref="FieldlinkDbContext.ReadingsSql"/>),
/// so the choice follows the context type and needs no registration of its own, and Core stays free of any
/// database provider. Everything that plain EF Core LINQ does well on both databases (series look-ups,
/// aggregates, retention) stays in <see cref="ReadingsStore"/>, <see cref="ReadingsWriter"/> and
/// <see cref="ReadingsRetention"/>, not here. Implementations are stateless and thread-safe.
/// </remarks>
public abstract class ReadingsSql
{
    /// <summary>Adds the series that do not exist yet; existing ones are left alone (several writers may race).</summary>
    public abstract Task InsertSeriesAsync(FieldlinkDbContext db, IReadOnlyCollection<(Guid DeviceRecordId, string Measure)> series, CancellationToken cancellationToken);

    /// <summary>
    /// Writes readings, overwriting the value of an existing (series, timestamp), and moves devices' last activity
    /// forward. The readings are committed together or not at all; how the last activity joins them (same
    /// transaction, or a short one of its own after) is this database's call. The readings' transaction is an EF Core
    /// one (<c>db.Database.BeginTransactionAsync</c>); <paramref name="changes"/> are named with
    /// <see cref="FieldlinkDbContext.ChangedAsync"/> before it commits (SQLite) or right after (PostgreSQL, where a
    /// notification inside it would serialize concurrent batches' commits): announced once, and never if it fails.
    /// </summary>
    /// <param name="db">The context, with no transaction begun.</param>
    /// <param name="readings">Readings with normalized timestamps, no (series, timestamp) twice, in key order.</param>
    /// <param name="activity">At most one entry per device, in device id order (so concurrent batches lock devices in one order).</param>
    /// <param name="changes">What the readings' commit announces on the live feed: their devices' <see cref="RecordKind.Reading"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public abstract Task WriteAsync(
        FieldlinkDbContext db, IReadOnlyList<Reading> readings, IReadOnlyList<DeviceActivity> activity, IReadOnlyList<RecordChange> changes, CancellationToken cancellationToken);

    /// <summary>
    /// The buckets of the given series that hold readings in [<paramref name="since"/>, <paramref name="until"/>),
    /// buckets being <paramref name="interval"/> long and aligned to <paramref name="since"/>; ordered by series, then time.
    /// </summary>
    public abstract Task<IReadOnlyList<(int SeriesId, ReadingBucket Bucket)>> QueryBucketsAsync(
        FieldlinkDbContext db, IReadOnlyList<int> seriesIds, DateTimeOffset since, DateTimeOffset until, TimeSpan interval, CancellationToken cancellationToken);
}
