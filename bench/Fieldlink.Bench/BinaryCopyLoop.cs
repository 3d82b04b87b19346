using System.Diagnostics;
using Fieldlink.Storage.Postgres;
using HdrHistogram;
using Npgsql;

namespace Fieldlink.Bench;

/// <summary>
/// The loop every COPY baseline runs: a table made anew (untimed), then <c>batches</c> batches, each one binary COPY
/// in a transaction of its own, shared out among <c>writers</c> sessions that each take the next batch as they finish
/// one; timed from the first batch to the last commit, with each batch's latency (COPY and commit) recorded.
/// </summary>
public static class BinaryCopyLoop
{
    /// <summary>What one run measured.</summary>
    public sealed record Run(long Rows, TimeSpan Elapsed, LongHistogram CommitLatency)
    {
        public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
    }

    /// <summary>Runs the loop.</summary>
    /// <param name="database">The PostgreSQL database.</param>
    /// <param name="table">The table, dropped if it exists and made by <paramref name="createTable"/>.</param>
    /// <param name="createTable">The statement that makes <paramref name="table"/>.</param>
    /// <param name="copy">The <c>COPY … FROM STDIN (FORMAT BINARY)</c> statement.</param>
    /// <param name="batches">How many batches.</param>
    /// <param name="rowsPerBatch">How many rows <paramref name="writeBatch"/> writes a batch (for the rate).</param>
    /// <param name="writers">Concurrent sessions.</param>
    /// <param name="writeBatch">Writes batch <c>b</c>'s rows, synchronously (each field is copied into Npgsql's buffer).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static async Task<Run> RunAsync(
        string database, string table, string createTable, string copy, int batches, long rowsPerBatch, int writers,
        Action<NpgsqlBinaryImporter, int> writeBatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writeBatch);
        await using var source = NpgsqlDataSource.Create(PostgresStorage.ToConnectionString(database));
        await using (var create = source.CreateBatch())
        {
            create.BatchCommands.Add(new NpgsqlBatchCommand($"DROP TABLE IF EXISTS \"{table}\""));
            create.BatchCommands.Add(new NpgsqlBatchCommand(createTable));
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var histogram = new LongHistogram(TimeSpan.FromMinutes(1).Ticks, 3);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(
            async () =>
            {
                await using var connection = await source.OpenConnectionAsync(cancellationToken);
                int b;
                while ((b = Interlocked.Increment(ref next)) < batches)
                {
                    var started = Stopwatch.GetTimestamp();
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    await using (var import = await connection.BeginBinaryImportAsync(copy, cancellationToken))
                    {
                        writeBatch(import, b);
                        await import.CompleteAsync(cancellationToken);
                    }

                    await transaction.CommitAsync(cancellationToken);
                    var elapsed = Stopwatch.GetElapsedTime(started).Ticks;
                    lock (histogram)
                    {
                        histogram.RecordValue(elapsed);
                    }
                }
            },
            cancellationToken)));
        clock.Stop();
        return new Run(batches * rowsPerBatch, clock.Elapsed, histogram);
    }
}
