using System.Data.Common;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Live;
using Fieldlink.Core.Readings;
using Fieldlink.Sdk;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fieldlink.Storage.Sqlite;

/// <summary>
/// Readings on SQLite: timestamps are microseconds since the Unix epoch (an integer, so bucketing is integer
/// division), writes are one prepared statement re-run per row inside one transaction (SQLite is in-process,
/// so a row costs microseconds and no round trip), and buckets are grouped in SQL per series, their sums in two parts
/// that cannot overflow to an infinity (see <see cref="ReadingSums"/>).
/// </summary>
internal sealed class SqliteReadingsSql : ReadingsSql
{
    public static readonly SqliteReadingsSql Instance = new();

    private const string Upsert = """
        INSERT INTO "Readings" ("SeriesId", "Timestamp", "Value") VALUES ($series, $timestamp, $value)
        ON CONFLICT ("SeriesId", "Timestamp") DO UPDATE SET "Value" = excluded."Value"
        """;

    private const string MoveActivity = """
        UPDATE "Devices" SET "LastActivityAt" = $at
        WHERE "Id" = $id AND ("LastActivityAt" IS NULL OR "LastActivityAt" < $at)
        """;

    private const string Buckets = """
        SELECT ("Timestamp" - $from) / $step AS "Bucket", min("Value"), max("Value"),
            total(CASE WHEN abs("Value") < $large THEN "Value" ELSE 0.0 END),
            total(CASE WHEN abs("Value") < $large THEN 0.0 ELSE "Value" * $scale END),
            count(*)
        FROM "Readings"
        WHERE "SeriesId" = $series AND "Timestamp" >= $from AND "Timestamp" < $to
        GROUP BY "Bucket"
        ORDER BY "Bucket"
        """;

    public override async Task InsertSeriesAsync(FieldlinkDbContext db, IReadOnlyCollection<(Guid DeviceRecordId, string Measure)> series, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(series);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (deviceRecordId, measure) in series)
        {
            // EF binds the Guid as SQLite's provider stores it (upper-case text), which a raw parameter would not.
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "ReadingSeries" ("DeviceRecordId", "Measure") VALUES ({deviceRecordId}, {measure}) ON CONFLICT ("DeviceRecordId", "Measure") DO NOTHING""",
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public override async Task WriteAsync(
        FieldlinkDbContext db, IReadOnlyList<Reading> readings, IReadOnlyList<DeviceActivity> activity, IReadOnlyList<RecordChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(activity);
        // One transaction for readings and last activity: SQLite has one writer at a time anyway, and each commit
        // is a sync to disk.
        await using var efTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction)efTransaction.GetDbTransaction();

        if (readings.Count > 0)
        {
            await using var upsert = new SqliteCommand(Upsert, connection, transaction);
            var series = upsert.Parameters.Add("$series", SqliteType.Integer);
            var timestamp = upsert.Parameters.Add("$timestamp", SqliteType.Integer);
            var value = upsert.Parameters.Add("$value", SqliteType.Real);
            upsert.Prepare();
            foreach (var reading in readings)
            {
                series.Value = reading.SeriesId;
                timestamp.Value = ReadingTime.ToUnixMicroseconds(reading.Timestamp);
                value.Value = reading.Value;
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (activity.Count > 0)
        {
            // Devices keep ids and times in the model's own encodings (upper-case text, a packed 64-bit time); the
            // model's type mappings make the parameters, so this statement compares like with like.
            var device = db.Model.FindEntityType(typeof(Device))!;
            var idMapping = device.FindProperty(nameof(Device.Id))!.GetRelationalTypeMapping();
            var atMapping = device.FindProperty(nameof(Device.LastActivityAt))!.GetRelationalTypeMapping();
            await using var move = new SqliteCommand(MoveActivity, connection, transaction);
            foreach (var entry in activity)
            {
                move.Parameters.Clear();
                move.Parameters.Add(idMapping.CreateParameter(move, "$id", entry.DeviceRecordId));
                move.Parameters.Add(atMapping.CreateParameter(move, "$at", entry.At));
                await move.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        // Announced with the commit, once for the batch (SQLite's pages are this process's: no notification).
        await db.ChangedAsync(changes, cancellationToken);
        await efTransaction.CommitAsync(cancellationToken);
    }

    public override async Task<IReadOnlyList<(int SeriesId, ReadingBucket Bucket)>> QueryBucketsAsync(
        FieldlinkDbContext db, IReadOnlyList<int> seriesIds, DateTimeOffset since, DateTimeOffset until, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(seriesIds);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new SqliteCommand(Buckets, connection);
            var series = command.Parameters.Add("$series", SqliteType.Integer);
            command.Parameters.AddWithValue("$from", ReadingTime.ToUnixMicroseconds(since));
            command.Parameters.AddWithValue("$to", ReadingTime.ToUnixMicroseconds(until));
            command.Parameters.AddWithValue("$step", ReadingTime.ToMicroseconds(interval));
            command.Parameters.Add("$large", SqliteType.Real).Value = ReadingSums.Large;
            command.Parameters.Add("$scale", SqliteType.Real).Value = ReadingSums.Scale;
            var buckets = new List<(int, ReadingBucket)>();
            foreach (var seriesId in seriesIds.Order())
            {
                series.Value = seriesId;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    buckets.Add((seriesId, Read(reader, since, interval)));
                }
            }

            return buckets;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static ReadingBucket Read(DbDataReader reader, DateTimeOffset from, TimeSpan interval) => new(
        from + (interval * reader.GetInt64(0)),
        reader.GetDouble(1),
        reader.GetDouble(2),
        ReadingSums.Average(reader.GetDouble(3), reader.GetDouble(4), reader.GetInt64(5)),
        ReadingSums.Sum(reader.GetDouble(3), reader.GetDouble(4)),
        reader.GetInt64(5));
}
