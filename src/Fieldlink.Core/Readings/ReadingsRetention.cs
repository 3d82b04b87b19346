using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Readings;

/// <summary>Deletes old readings, series by series, in bounded batches that walk the primary key.</summary>
public sealed class ReadingsRetention(FieldlinkDbContext db)
{
    /// <summary>Deletes every reading stamped before <paramref name="cutoff"/>; returns how many.</summary>
    /// <param name="cutoff">Readings before this instant go; one at it stays.</param>
    /// <param name="batchSize">The most readings one statement deletes.</param>
    /// <param name="cancellationToken">Stops between batches (what is deleted stays deleted).</param>
    public async Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        cutoff = ReadingTime.Normalize(cutoff);
        var seriesIds = await db.ReadingSeries.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        long deleted = 0;
        foreach (var seriesId in seriesIds)
        {
            while (true)
            {
                var old = db.Readings.Where(r => r.SeriesId == seriesId && r.Timestamp < cutoff);

                // The timestamp of the batchSize-th oldest reading bounds one batch; without one, the rest fits in a batch.
                var last = await old.OrderBy(r => r.Timestamp).Skip(batchSize - 1).Select(r => (DateTimeOffset?)r.Timestamp).FirstOrDefaultAsync(cancellationToken);
                if (last is null)
                {
                    deleted += await old.ExecuteDeleteAsync(cancellationToken);
                    break;
                }

                deleted += await old.Where(r => r.Timestamp <= last).ExecuteDeleteAsync(cancellationToken);
            }
        }

        return deleted;
    }
}
