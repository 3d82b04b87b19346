using Fieldlink.Core.Alerts;
using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Fieldlink.Storage.Postgres;

/// <summary>
/// Alert batches on PostgreSQL: the new alerts in one binary COPY, the grown parents in one UPDATE over arrays, in
/// the ingestion's transaction. A thousand alerts cost two round trips instead of a thousand statements.
/// </summary>
public sealed class PostgresAlertsSql : AlertsSql
{
    public static new PostgresAlertsSql Default { get; } = new();

    private const string Copy = """
        COPY "Alerts" ("Id", "CreatedAt", "UpdatedAt", "Version", "ProviderInstanceId", "ProviderId", "DeviceId", "DeviceRecordId",
            "CustomerAssetId", "AccountId", "AlertType", "Description", "AlertTime", "Data", "Token", "Url", "Status", "StatusReason",
            "ParentAlertId", "GroupKey", "ChildCount", "LastOccurrenceAt", "CaseId", "DataHistoryId", "AutoPullPending")
        FROM STDIN (FORMAT BINARY)
        """;

    public override async Task InsertAsync(FieldlinkDbContext db, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(alerts);
        if (alerts.Count == 0)
        {
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var import = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        // Rows are buffered: the synchronous writes only copy into Npgsql's buffer, without an await per field.
        foreach (var a in alerts)
        {
            import.StartRow();
            import.Write(a.Id, NpgsqlDbType.Uuid);
            import.Write(a.CreatedAt, NpgsqlDbType.TimestampTz);
            import.Write(a.UpdatedAt, NpgsqlDbType.TimestampTz);
            import.Write(a.Version, NpgsqlDbType.Bigint);
            import.Write(a.ProviderInstanceId, NpgsqlDbType.Uuid);
            import.Write(a.ProviderId, NpgsqlDbType.Uuid);
            import.Write(a.DeviceId, NpgsqlDbType.Text);
            WriteNullable(import, a.DeviceRecordId);
            WriteNullable(import, a.CustomerAssetId);
            WriteNullable(import, a.AccountId);
            import.Write(a.AlertType.ToString(), NpgsqlDbType.Text);
            import.Write(a.Description, NpgsqlDbType.Text);
            import.Write(a.AlertTime, NpgsqlDbType.TimestampTz);
            WriteNullable(import, a.Data);
            WriteNullable(import, a.Token);
            WriteNullable(import, a.Url);
            import.Write(a.Status.ToString(), NpgsqlDbType.Text);
            import.Write(a.StatusReason.ToString(), NpgsqlDbType.Text);
            WriteNullable(import, a.ParentAlertId);
            import.Write(a.GroupKey, NpgsqlDbType.Text);
            import.Write(a.ChildCount, NpgsqlDbType.Integer);
            import.Write(a.LastOccurrenceAt, NpgsqlDbType.TimestampTz);
            WriteNullable(import, a.CaseId);
            WriteNullable(import, a.DataHistoryId);
            import.Write(a.AutoPullPending, NpgsqlDbType.Boolean);
        }

        await import.CompleteAsync(cancellationToken);
    }

    public override async Task GrowParentsAsync(FieldlinkDbContext db, IReadOnlyList<ParentGrowth> parents, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(parents);
        if (parents.Count == 0)
        {
            return;
        }

        var ids = parents.Select(p => p.Id).ToArray();
        var added = parents.Select(p => p.Added).ToArray();
        var last = parents.Select(p => p.Last).ToArray();
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE "Alerts" AS a
            SET "ChildCount" = a."ChildCount" + g.added,
                "LastOccurrenceAt" = GREATEST(a."LastOccurrenceAt", g.last),
                "UpdatedAt" = {now},
                "Version" = a."Version" + 1 -- the clause of Stamp.Sql, written out: interpolated here it would become a parameter
            FROM unnest({ids}, {added}, {last}) AS g(id, added, last)
            WHERE a."Id" = g.id
            """,
            cancellationToken);
    }

    public override async Task GrowRollupsAsync(FieldlinkDbContext db, IReadOnlyList<RollupGrowth> assets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(assets);
        if (assets.Count == 0)
        {
            return;
        }

        var ids = assets.Select(a => a.CustomerAssetId).ToArray();
        var added = assets.Select(a => a.ActiveAdded).ToArray();
        var last = assets.Select(a => a.Last).ToArray();

        // The rows are locked in id order first, in the same round trip (FOR UPDATE takes rows in the order the query
        // returns them): an UPDATE over a join takes them in its plan's order, and two batches sharing assets could
        // then deadlock.
        await db.Database.ExecuteSqlAsync(
            $"""
            SELECT c."Id" FROM "CustomerAssets" AS c WHERE c."Id" = ANY({ids}) ORDER BY c."Id" FOR UPDATE;
            UPDATE "CustomerAssets" AS c
            SET "ActiveAlertCount" = c."ActiveAlertCount" + g.added,
                "LastAlertAt" = GREATEST(c."LastAlertAt", g.last)
            FROM unnest({ids}, {added}, {last}) AS g(id, added, last)
            WHERE c."Id" = g.id
            """,
            cancellationToken);
    }

    private static void WriteNullable(NpgsqlBinaryImporter import, Guid? value)
    {
        if (value is { } v)
        {
            import.Write(v, NpgsqlDbType.Uuid);
        }
        else
        {
            import.WriteNull();
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter import, string? value)
    {
        if (value is { } v)
        {
            import.Write(v, NpgsqlDbType.Text);
        }
        else
        {
            import.WriteNull();
        }
    }
}
