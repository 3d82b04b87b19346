using System.Diagnostics;
using Fieldlink.Core.Data;
using Fieldlink.Core.Readings;
using Fieldlink.Sdk;
using HdrHistogram;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Fieldlink.Bench;

/// <summary>
/// Readings query latency: fills the store with <c>readings</c> readings over <c>devices</c> x <c>measures</c> series,
/// one every <c>step</c>, interleaved in time as a fleet writes them (so a device's readings are spread over the table,
/// as in production), then times 30 days of hourly buckets of one device through <see cref="ReadingsStore"/>.
/// A filled data set is kept and reused by the next run with the same parameters.
/// </summary>
public static class ReadingsQueryBench
{
    public static async Task RunAsync(TextWriter output, string database, long readings, int devices, int measures, TimeSpan step, int runs, CancellationToken cancellationToken)
    {
        await using var store = await BenchStore.OpenAsync(database, cancellationToken);
        var name = $"bench-query-{readings}-{devices}x{measures}-{(long)step.TotalSeconds}s";
        var (_, registered, created) = await store.DevicesAsync(name, devices, null, cancellationToken);
        var perSeries = readings / ((long)devices * measures);

        // The data set ends at a whole hour, so "the last 30 days" is a fixed range of it whatever day the run is on.
        var end = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (created)
        {
            var fill = Stopwatch.StartNew();
            await FillAsync(store, registered.Select(d => d.Id).ToList(), measures, perSeries, end, step, cancellationToken);
            output.WriteLine($"filled {perSeries * devices * measures:N0} readings in {fill.Elapsed.TotalSeconds:F0} s");
        }
        else
        {
            output.WriteLine($"reusing the data set '{name}'");
        }

        await using (var scope = store.Scope())
        {
            var total = await scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>().Readings.LongCountAsync(cancellationToken);
            output.WriteLine($"readings-query on {(store.IsPostgres ? "PostgreSQL" : "SQLite")}: {total:N0} readings in the table; this data set: {devices:N0} devices x {measures} measures, {perSeries:N0} readings per series, one every {step}");
        }

        var device = registered[devices / 2];
        var query = new ReadingsQuery(new DeviceRef(device.Id, device.DeviceId, device.Name, null, false), end.AddDays(-30), end, TimeSpan.FromHours(1), []);
        var histogram = new LongHistogram(TimeSpan.FromMinutes(1).Ticks, 3);
        ReadingsResult? result = null;
        for (var i = 0; i < runs + 10; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using (var scope = store.Scope())
            {
                result = await scope.ServiceProvider.GetRequiredService<ReadingsStore>().QueryAsync(query, cancellationToken);
            }

            // The first runs warm the caches and the JIT; they are not counted.
            if (i >= 10)
            {
                histogram.RecordValue(Stopwatch.GetElapsedTime(started).Ticks);
            }
        }

        var buckets = result!.Measures.Values.Sum(b => b.Count);
        var read = result.Measures.Values.Sum(b => b.Sum(x => x.Count));
        output.WriteLine($"  30 days of hourly buckets for one device: {buckets} buckets over {read:N0} readings, {runs} runs");
        output.WriteLine($"  p50 {TelemetryBench.Ms(histogram, 50)} ms, p99 {TelemetryBench.Ms(histogram, 99)} ms, max {TelemetryBench.Ms(histogram, 100)} ms");
    }

    internal static async Task FillAsync(BenchStore store, List<Guid> devices, int measures, long perSeries, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        await using var scope = store.Scope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var series = devices.SelectMany(d => Enumerable.Range(0, measures).Select(m => new ReadingSeries { DeviceRecordId = d, Measure = $"measure{m}" })).ToList();
        db.ReadingSeries.AddRange(series);
        await db.SaveChangesAsync(cancellationToken);
        var ids = series.Select(s => s.Id).ToArray();
        var first = end - (step * perSeries);
        static double Value(long k, int id) => 20 + (((k * 31) + id) % 200 / 10.0);

        if (store.IsPostgres)
        {
            // Straight into the table with binary COPY: the fill is set-up, not what is measured.
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using (var copy = await connection.BeginBinaryImportAsync("""COPY "Readings" ("SeriesId", "Timestamp", "Value") FROM STDIN (FORMAT BINARY)""", cancellationToken))
            {
                for (long k = 0; k < perSeries; k++)
                {
                    var at = first + (step * k);
                    foreach (var id in ids)
                    {
                        await copy.StartRowAsync(cancellationToken);
                        await copy.WriteAsync(id, NpgsqlDbType.Integer, cancellationToken);
                        await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken);
                        await copy.WriteAsync(Value(k, id), NpgsqlDbType.Double, cancellationToken);
                    }
                }

                await copy.CompleteAsync(cancellationToken);
            }

            // As autovacuum would in time: statistics for the planner, and the visibility map for index-only scans.
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.ExecuteSqlRawAsync("""VACUUM (ANALYZE) "Readings" """, cancellationToken);
            return;
        }

        var sqlite = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        for (long k = 0; k < perSeries;)
        {
            await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync(cancellationToken);
            await using var insert = new SqliteCommand("""INSERT INTO "Readings" ("SeriesId", "Timestamp", "Value") VALUES ($s, $t, $v)""", sqlite, transaction);
            var s = insert.Parameters.Add("$s", SqliteType.Integer);
            var t = insert.Parameters.Add("$t", SqliteType.Integer);
            var v = insert.Parameters.Add("$v", SqliteType.Real);
            insert.Prepare();
            for (var n = 0; n < 10_000 && k < perSeries; n++, k++)
            {
                var at = ReadingTime.ToUnixMicroseconds(first + (step * k));
                foreach (var id in ids)
                {
                    s.Value = id;
                    t.Value = at;
                    v.Value = Value(k, id);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }
}
