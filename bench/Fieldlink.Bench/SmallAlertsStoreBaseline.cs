using System.Diagnostics;
using Fieldlink.Storage.Postgres;
using Npgsql;

namespace Fieldlink.Bench;

/// <summary>
/// What PostgreSQL alone gives for the statements one small alert request needs, with no HTTP, EF Core or Fieldlink:
/// as many Npgsql sessions as the bench has clients, each looping on one request's work in bare tables: the key
/// look-up, the device look-up, then in one transaction the group locks, the token and open-parent look-ups, the
/// insert and the parent's growth, and the commit — each statement its own round trip, each request its own commit.
/// It bounds what the do-nothing endpoint cannot: a request that must be stored before it is answered waits for
/// these round trips and a commit. (Fieldlink may exceed it by sharing one commit between requests.)
/// </summary>
public static class SmallAlertsStoreBaseline
{
    private const int Devices = 1000;

    private const string Create = """
        DROP TABLE IF EXISTS "BoundKeys", "BoundDevices", "BoundAlerts";
        CREATE TABLE "BoundKeys" ("Hash" text PRIMARY KEY, "Name" text NOT NULL);
        INSERT INTO "BoundKeys" VALUES ('key', 'bench');
        CREATE TABLE "BoundDevices" ("Id" uuid PRIMARY KEY DEFAULT gen_random_uuid(), "DeviceId" text NOT NULL UNIQUE);
        INSERT INTO "BoundDevices" ("DeviceId") SELECT 'd' || g FROM generate_series(0, 999) AS g;
        CREATE TABLE "BoundAlerts" ("Id" uuid PRIMARY KEY, "Token" text UNIQUE, "GroupKey" text NOT NULL, "ParentAlertId" uuid,
            "ChildCount" integer NOT NULL, "AlertTime" timestamptz NOT NULL, "LastOccurrenceAt" timestamptz NOT NULL, "Description" text NOT NULL)
            WITH (fillfactor = 80);
        CREATE INDEX ON "BoundAlerts" ("GroupKey", "LastOccurrenceAt") WHERE "ParentAlertId" IS NULL;
        INSERT INTO "BoundAlerts" SELECT gen_random_uuid(), NULL, 'g' || g, NULL, 0, now(), now(), 'Compressor overheat' FROM generate_series(0, 999) AS g;
        """;

    /// <summary>Requests per second that <paramref name="clients"/> sessions get through in <paramref name="duration"/>, <paramref name="perRequest"/> alerts each.</summary>
    public static async Task<double> RunAsync(string database, int clients, int perRequest, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var source = NpgsqlDataSource.Create(PostgresStorage.ToConnectionString(database));
        await using (var create = source.CreateCommand(Create))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        long completed = 0;
        var sequence = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(
            async () =>
            {
                await using var connection = await source.OpenConnectionAsync(cancellationToken);
                while (clock.Elapsed < duration)
                {
                    var first = Interlocked.Add(ref sequence, perRequest) - perRequest;
                    var devices = Enumerable.Range(0, perRequest).Select(i => (int)((first + i) % Devices)).ToArray();
                    await RequestAsync(connection, devices, [.. Enumerable.Range(0, perRequest).Select(i => $"bound-{first + i}")], cancellationToken);
                    Interlocked.Increment(ref completed);
                }
            },
            cancellationToken)));
        return completed / clock.Elapsed.TotalSeconds;
    }

    private static async Task RequestAsync(NpgsqlConnection connection, int[] devices, string[] tokens, CancellationToken cancellationToken)
    {
        var names = devices.Select(d => $"d{d}").ToArray();
        var groups = devices.Select(d => $"g{d}").Distinct().Order(StringComparer.Ordinal).ToArray();
        await ExecuteAsync(connection, null, """SELECT "Name" FROM "BoundKeys" WHERE "Hash" = 'key'""", cancellationToken);
        await ExecuteAsync(connection, null, """SELECT "Id" FROM "BoundDevices" WHERE "DeviceId" = ANY($1)""", cancellationToken, names);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k ORDER BY k", cancellationToken, devices.Select(d => (long)d).Distinct().ToArray());
        await ExecuteAsync(connection, transaction, """SELECT "Id" FROM "BoundAlerts" WHERE "Token" = ANY($1)""", cancellationToken, tokens);
        await ExecuteAsync(connection, transaction, """SELECT "Id", "ChildCount" FROM "BoundAlerts" WHERE "GroupKey" = ANY($1) AND "ParentAlertId" IS NULL AND "LastOccurrenceAt" > now() - interval '1 hour'""", cancellationToken, groups);
        await ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO "BoundAlerts"
            SELECT gen_random_uuid(), t.token, 'g' || t.device, (SELECT p."Id" FROM "BoundAlerts" AS p WHERE p."GroupKey" = 'g' || t.device AND p."ParentAlertId" IS NULL LIMIT 1),
                0, now(), now(), 'Compressor overheat'
            FROM unnest($1::text[], $2::integer[]) AS t(token, device)
            """,
            cancellationToken,
            tokens,
            devices);
        await ExecuteAsync(connection, transaction, """UPDATE "BoundAlerts" SET "ChildCount" = "ChildCount" + 1, "LastOccurrenceAt" = now() WHERE "GroupKey" = ANY($1) AND "ParentAlertId" IS NULL""", cancellationToken, groups);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params Array[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
        }
    }
}
