using Fieldlink.Core.Commands;
using Fieldlink.Core.Data;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Fieldlink.Storage.Postgres;

/// <summary>
/// Command moves on PostgreSQL: a batch of status reports in one UPDATE over arrays, which first locks its rows in id
/// order; the dispatcher locks its batches in the same order before it updates them. Two transactions that each hold
/// several commands' rows then always wait in the same direction and never deadlock. A step is never stamped before
/// the one it follows nor before the command was queued (GREATEST ignores the steps not taken).
/// </summary>
public sealed class PostgresCommandsSql : CommandsSql
{
    public static new PostgresCommandsSql Default { get; } = new();

    // The locking subquery is MATERIALIZED so its ORDER BY ... FOR UPDATE runs as written, before the update. Its
    // device check is a scalar subquery, which PostgreSQL cannot turn into a join: as an EXISTS, a planner without
    // statistics on "Devices" (a new database, before autovacuum's first ANALYZE) or with few rows expected for the
    // instance (one not in the statistics yet) walked every command of every device of the instance and kept those in
    // @ids, work that grows with the table: at 500 acks/s a batch took 12-25 ms and rising, all CPU. Now the commands
    // are found by id whatever the statistics, and each one's device by its key.
    private static readonly string Move = $"""
        WITH r AS (
            SELECT * FROM unnest(@ids, @statuses, @froms, @ats, @responses, @errors) AS r(id, status, froms, at, response, error)
        ), locked AS MATERIALIZED (
            SELECT c."Id", c."Status" AS previous FROM "Commands" AS c
            WHERE c."Id" = ANY(@ids)
                AND (SELECT d."ProviderInstanceId" FROM "Devices" AS d WHERE d."Id" = c."DeviceRecordId") = @instance
            ORDER BY c."Id"
            FOR UPDATE OF c
        )
        UPDATE "Commands" AS c SET
            "Status" = r.status,
            "SentAt" = COALESCE(c."SentAt", GREATEST(r.at, c."CreatedAt")),
            "DeliveredAt" = CASE WHEN r.status = 'Delivered' THEN GREATEST(r.at, c."SentAt", c."CreatedAt") ELSE c."DeliveredAt" END,
            "CompletedAt" = CASE WHEN r.status IN ('Succeeded', 'Failed', 'TimedOut', 'Expired', 'Canceled') THEN GREATEST(r.at, c."DeliveredAt", c."SentAt", c."CreatedAt") ELSE c."CompletedAt" END,
            "Response" = COALESCE(r.response, c."Response"),
            "Error" = CASE WHEN r.status = 'Succeeded' THEN NULL ELSE COALESCE(r.error, c."Error") END,
            {Stamp.Sql("c", "@now")}
        FROM r JOIN locked AS l ON l."Id" = r.id
        WHERE c."Id" = r.id AND c."Status" = ANY(string_to_array(r.froms, ','))
        RETURNING c."Id", l.previous, c."DeviceRecordId"
        """;

    // The accepted commands still leased to the round, in one statement: those still Queued become Sent and are
    // stamped; those a device answered first keep their status (and stamp) and are counted as handed over. The rows
    // are locked in id order first, as a batch of reports locks them; SKIP LOCKED for a first pass that waits for no
    // row a report holds. Returns how many rows it wrote and which it locked.
    private static readonly string SentSkippingLocked = Sent("SKIP LOCKED");
    private static readonly string SentWaiting = Sent(string.Empty);

    private const string Lock = """SELECT 1 FROM "Commands" WHERE "Id" = ANY(@ids) ORDER BY "Id" FOR UPDATE""";

    private static string Sent(string skipping) => $"""
        WITH locked AS MATERIALIZED (
            SELECT "Id" FROM "Commands" WHERE "Id" = ANY(@ids) ORDER BY "Id" FOR UPDATE {skipping}
        ), written AS (
            UPDATE "Commands" AS c SET
                "Status" = CASE WHEN c."Status" = 'Queued' THEN 'Sent' ELSE c."Status" END,
                "SentAt" = CASE WHEN c."Status" = 'Queued' THEN @now ELSE COALESCE(c."SentAt", @now) END,
                "TimeoutAt" = CASE WHEN c."Status" IN ('Queued', 'Sent', 'Delivered') THEN @timeoutAt ELSE c."TimeoutAt" END,
                "Attempts" = c."Attempts" + 1,
                "Error" = CASE WHEN c."Status" IN ('Queued', 'Succeeded') THEN NULL ELSE c."Error" END,
                "LeaseOwner" = NULL,
                "LeaseUntil" = NULL,
                "UpdatedAt" = CASE WHEN c."Status" = 'Queued' THEN @now ELSE c."UpdatedAt" END,
                "Version" = CASE WHEN c."Status" = 'Queued' THEN c."Version" + 1 ELSE c."Version" END
            FROM locked AS l
            WHERE c."Id" = l."Id" AND c."LeaseOwner" = ANY(@claims)
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM written)::int, ARRAY(SELECT "Id" FROM locked)
        """;

    public override async Task<IReadOnlyList<MovedCommand>> MoveAsync(
        FieldlinkDbContext db, Guid providerInstanceId, IReadOnlyList<CommandMove> moves, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(moves);
        var moved = new List<MovedCommand>(moves.Count);
        if (moves.Count == 0)
        {
            return moved;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Command(db, Move);
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. moves.Select(m => m.CommandId)]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("statuses", [.. moves.Select(m => m.Status.ToString())]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("froms", [.. moves.Select(m => string.Join(',', m.From))]));
            command.Parameters.Add(new NpgsqlParameter<DateTime[]>("ats", [.. moves.Select(m => m.At.UtcDateTime)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter("responses", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = moves.Select(m => (object?)m.Response ?? DBNull.Value).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("errors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = moves.Select(m => (object?)m.Error ?? DBNull.Value).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<Guid>("instance", providerInstanceId));
            command.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                moved.Add(new MovedCommand(reader.GetGuid(0), Enum.Parse<CommandStatus>(reader.GetString(1)), reader.GetGuid(2)));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return moved;
    }

    /// <summary>
    /// Claims and returns the batch in one statement; rows another process is claiming this moment are skipped rather
    /// than waited for, and the lock re-checks each row, so none is claimed twice.
    /// </summary>
    public override async Task<List<Command>> ClaimAsync(
        FieldlinkDbContext db, string claim, DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var claimed = await db.Commands.FromSql($"""
            UPDATE "Commands" SET "LeaseOwner" = {claim}, "LeaseUntil" = {leaseUntil}
            WHERE "Id" IN (
                SELECT "Id" FROM "Commands"
                WHERE "Status" = 'Queued' AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now}) AND ("ExpiresAt" IS NULL OR "ExpiresAt" > {now})
                ORDER BY "CreatedAt"
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED)
                AND "Status" = 'Queued' AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now}) AND ("ExpiresAt" IS NULL OR "ExpiresAt" > {now})
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        claimed.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        return claimed;
    }

    /// <summary>
    /// Records the round's accepted hand-overs in a statement that commits on its own when the caller has no
    /// transaction, so the rows are held for that statement only. It first skips the rows a device's report holds this
    /// moment (its ack came as the hand-over returned): a batch then never waits behind those reports, nor holds its
    /// other rows, which other reports wait for, meanwhile; a second statement records the rows it skipped, waiting for
    /// them in id order. Either writes only commands still leased to the round, so the record is done once each.
    /// </summary>
    public override async Task<int> SentAsync(
        FieldlinkDbContext db, IReadOnlyList<Guid> accepted, string[] claims, DateTimeOffset timeoutAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(accepted);
        if (accepted.Count == 0)
        {
            return 0;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var (written, locked) = await SentAsync(db, SentSkippingLocked, accepted, claims, timeoutAt, now, cancellationToken);
            if (locked.Count < accepted.Count)
            {
                written += (await SentAsync(db, SentWaiting, [.. accepted.Where(id => !locked.Contains(id))], claims, timeoutAt, now, cancellationToken)).Written;
            }

            return written;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<(int Written, HashSet<Guid> Locked)> SentAsync(
        FieldlinkDbContext db, string sql, IReadOnlyList<Guid> ids, string[] claims, DateTimeOffset timeoutAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = Command(db, sql);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. ids]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("claims", claims));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTime>("timeoutAt", timeoutAt.UtcDateTime) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), [.. reader.GetFieldValue<Guid[]>(1)]);
    }

    public override async Task LockAsync(FieldlinkDbContext db, IReadOnlyCollection<Guid> commandIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(commandIds);
        if (commandIds.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Command(db, Lock);
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. commandIds]));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static NpgsqlCommand Command(FieldlinkDbContext db, string sql) =>
        new(sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
}
