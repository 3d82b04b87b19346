using Fieldlink.Core.Data;
using Fieldlink.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Fieldlink.Storage.Postgres;

/// <summary>Outbox rows on PostgreSQL: a batch in one binary COPY, in the caller's transaction, like the alerts it announces.</summary>
public sealed class PostgresWebhookOutboxSql : WebhookOutboxSql
{
    public static new PostgresWebhookOutboxSql Default { get; } = new();

    private const string Copy = """
        COPY "WebhookDeliveries" ("Id", "CreatedAt", "UpdatedAt", "Version", "SubscriptionId", "MessageId", "EventType", "Payload",
            "Status", "Attempts", "NextAttemptAt", "AttemptLog")
        FROM STDIN (FORMAT BINARY)
        """;

    public override async Task InsertAsync(FieldlinkDbContext db, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(deliveries);
        if (deliveries.Count == 0)
        {
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var import = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
            foreach (var d in deliveries)
            {
                import.StartRow();
                import.Write(d.Id, NpgsqlDbType.Uuid);
                import.Write(d.CreatedAt, NpgsqlDbType.TimestampTz);
                import.Write(d.UpdatedAt, NpgsqlDbType.TimestampTz);
                import.Write(d.Version, NpgsqlDbType.Bigint);
                import.Write(d.SubscriptionId, NpgsqlDbType.Uuid);
                import.Write(d.MessageId, NpgsqlDbType.Uuid);
                import.Write(d.EventType, NpgsqlDbType.Text);
                import.Write(d.Payload, NpgsqlDbType.Text);
                import.Write(d.Status.ToString(), NpgsqlDbType.Text);
                import.Write(d.Attempts, NpgsqlDbType.Integer);
                import.Write(d.NextAttemptAt, NpgsqlDbType.TimestampTz);
                import.Write(d.AttemptLog, NpgsqlDbType.Text);
            }

            await import.CompleteAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
