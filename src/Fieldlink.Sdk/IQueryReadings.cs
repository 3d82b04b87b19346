namespace Fieldlink.Sdk;

/// <summary>
/// The query-readings action, for systems that keep their own time series. Without it, Fieldlink answers from its
/// own readings store.
/// </summary>
public interface IQueryReadings
{
    /// <summary>Reads a device's readings in buckets of <see cref="ReadingsQuery.Interval"/>.</summary>
    /// <param name="query">The device, the time range, the bucket size and the measures.</param>
    /// <param name="cancellationToken">Cancelled when the action times out.</param>
    /// <returns>Per measure, the buckets that hold readings, oldest first.</returns>
    Task<ReadingsResult> QueryReadingsAsync(ReadingsQuery query, CancellationToken cancellationToken);
}
