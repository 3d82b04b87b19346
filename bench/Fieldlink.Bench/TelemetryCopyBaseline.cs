using System.Diagnostics;
using Fieldlink.Storage.Postgres;
using HdrHistogram;
using Npgsql;
using NpgsqlTypes;

namespace Fieldlink.Bench;

/// <summary>
/// The raw baseline of the telemetry figure: the rows <see cref="TelemetryBench"/> writes (one per measure of each
/// report: series, timestamp, value), by Npgsql binary COPY into a bare table with the readings' key
/// (<c>PRIMARY KEY (SeriesId, Timestamp) INCLUDE (Value)</c>), one commit per batch, from as many sessions as the
/// bench has writers: what PostgreSQL on this machine takes with no device look-ups, series, thresholds or activity.
/// The table is made anew each run (untimed), so no run finds another's rows.
/// </summary>
public static class TelemetryCopyBaseline
{
    private const string Table = "SuiteReadingsCopy";

    public sealed record Run(long Rows, TimeSpan Elapsed, LongHistogram CommitLatency)
    {
        public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
    }

    public static async Task<Run> RunAsync(string database, TelemetryBench.Parameters parameters, Func<TelemetryBench.Parameters, long, int, double> value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(value);
        await using var source = NpgsqlDataSource.Create(PostgresStorage.ToConnectionString(database));
        await using (var create = source.CreateBatch())
        {
            create.BatchCommands.Add(new NpgsqlBatchCommand($"DROP TABLE IF EXISTS \"{Table}\""));
            create.BatchCommands.Add(new NpgsqlBatchCommand(
                $"CREATE TABLE \"{Table}\" (\"SeriesId\" integer NOT NULL, \"Timestamp\" timestamptz NOT NULL, \"Value\" double precision NOT NULL, PRIMARY KEY (\"SeriesId\", \"Timestamp\") INCLUDE (\"Value\"))"));
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var (points, devices, measures, batch, writers, _, _) = parameters;
        var rowsPerBatch = (long)batch * measures;
        var batches = (int)Math.Max(1, points / rowsPerBatch);
        var start = DateTimeOffset.UtcNow.AddDays(-20);
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
                    await using (var import = await connection.BeginBinaryImportAsync($"COPY \"{Table}\" (\"SeriesId\", \"Timestamp\", \"Value\") FROM STDIN (FORMAT BINARY)", cancellationToken))
                    {
                        for (var i = 0; i < batch; i++)
                        {
                            var n = (long)b * batch + i;
                            var (round, device) = Math.DivRem(n, devices);
                            var timestamp = start.AddSeconds(round);
                            for (var m = 0; m < measures; m++)
                            {
                                import.StartRow();
                                import.Write((int)(device * measures) + m + 1, NpgsqlDbType.Integer);
                                import.Write(timestamp, NpgsqlDbType.TimestampTz);
                                import.Write(value(parameters, n, m), NpgsqlDbType.Double);
                            }
                        }

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
        return new Run((long)batches * rowsPerBatch, clock.Elapsed, histogram);
    }
}
