using NpgsqlTypes;

namespace Fieldlink.Bench;

/// <summary>
/// The raw baseline of the telemetry figure: the rows <see cref="TelemetryBench"/> writes (one per measure of each
/// report: series, timestamp, value), by Npgsql binary COPY into a bare table with the readings' key
/// (<c>PRIMARY KEY (SeriesId, Timestamp) INCLUDE (Value)</c>), one commit per batch, from as many sessions as the
/// bench has writers: what PostgreSQL on this machine takes with no device look-ups, series, thresholds or activity.
/// The table is made anew each run (untimed), so no run finds another's rows; the loop is <see cref="BinaryCopyLoop"/>.
/// </summary>
public static class TelemetryCopyBaseline
{
    private const string Table = "SuiteReadingsCopy";

    public static Task<BinaryCopyLoop.Run> RunAsync(string database, TelemetryBench.Parameters parameters, Func<TelemetryBench.Parameters, long, int, double> value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(value);
        var (points, devices, measures, batch, writers, _, _) = parameters;
        var rowsPerBatch = (long)batch * measures;
        var start = DateTimeOffset.UtcNow.AddDays(-20);
        return BinaryCopyLoop.RunAsync(
            database,
            Table,
            $"CREATE TABLE \"{Table}\" (\"SeriesId\" integer NOT NULL, \"Timestamp\" timestamptz NOT NULL, \"Value\" double precision NOT NULL, PRIMARY KEY (\"SeriesId\", \"Timestamp\") INCLUDE (\"Value\"))",
            $"COPY \"{Table}\" (\"SeriesId\", \"Timestamp\", \"Value\") FROM STDIN (FORMAT BINARY)",
            (int)Math.Max(1, points / rowsPerBatch),
            rowsPerBatch,
            writers,
            (import, b) =>
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
            },
            cancellationToken);
    }
}
