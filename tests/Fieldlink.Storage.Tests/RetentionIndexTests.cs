using System.Data.Common;
using System.Text;
using Fieldlink.Core.Data;
using Fieldlink.Core.Retention;
using Fieldlink.Core.Webhooks;
using Fieldlink.Storage.Postgres;
using Fieldlink.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Fieldlink.Storage.Tests;

/// <summary>
/// Retention's pruning of webhook deliveries finds the old finished ones through the (Status, CompletedAt) index on
/// PostgreSQL. Before it, the delete walked every finished delivery (or the whole primary key in id order, filtering),
/// which after a month of Succeeded deliveries is most of the table, once an hour. The statement
/// <see cref="RecordRetention"/> really sends is caught before it runs and EXPLAINed instead, on a table of the shape
/// retention meets: many recent finished deliveries, a few past the cutoff, the planner's statistics fresh.
/// </summary>
public sealed class RetentionIndexTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Cutoff = Now.AddDays(-30);

    private TestDatabase? _database;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        await using var db = Context();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Pruning_webhook_deliveries_reads_the_status_and_completion_index()
    {
        await SeedAsync();
        var explain = new ExplainInstead();
        await using var db = Context(explain);

        var deleted = await new RecordRetention(db).DeleteWebhookDeliveriesAsync(Cutoff, batchSize: 1_000, CancellationToken.None);

        Assert.Equal(0, deleted);
        var plan = Assert.Single(explain.Plans);
        Assert.True(plan.Contains("IX_WebhookDeliveries_Status_CompletedAt", StringComparison.Ordinal), plan);
    }

    /// <summary>
    /// 25,600 deliveries that succeeded within the retention (copied in SQL, doubling, which is quicker than saving
    /// them), 20 finished before the cutoff, and a few still waiting; then ANALYZE, as autovacuum would.
    /// </summary>
    private async Task SeedAsync()
    {
        await using (var db = Context())
        {
            db.WebhookDeliveries.AddRange(Enumerable.Range(0, 200).Select(i => Delivery(WebhookDeliveryStatus.Succeeded, Now.AddMinutes(-i))));
            await db.SaveChangesAsync();
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("""CREATE TEMP TABLE copies AS SELECT * FROM "WebhookDeliveries";""");
            for (var doubling = 0; doubling < 7; doubling++)
            {
                await db.Database.ExecuteSqlRawAsync("""
                    UPDATE copies SET "Id" = gen_random_uuid(), "MessageId" = gen_random_uuid();
                    INSERT INTO "WebhookDeliveries" SELECT * FROM copies;
                    INSERT INTO copies SELECT * FROM copies;
                    """);
            }
        }

        await using (var db = Context())
        {
            db.WebhookDeliveries.AddRange(Enumerable.Range(0, 10).Select(i => Delivery(WebhookDeliveryStatus.Succeeded, Cutoff.AddHours(-i - 1))));
            db.WebhookDeliveries.AddRange(Enumerable.Range(0, 10).Select(i => Delivery(WebhookDeliveryStatus.Dead, Cutoff.AddDays(-i - 1))));
            db.WebhookDeliveries.AddRange(Enumerable.Range(0, 5).Select(_ => Delivery(WebhookDeliveryStatus.Pending, null)));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("""ANALYZE "WebhookDeliveries";""");
        }
    }

    private static WebhookDelivery Delivery(WebhookDeliveryStatus status, DateTimeOffset? completedAt) => new()
    {
        SubscriptionId = Guid.NewGuid(),
        MessageId = Guid.NewGuid(),
        EventType = "test",
        Payload = "{}",
        Status = status,
        NextAttemptAt = Now,
        CompletedAt = completedAt,
    };

    private PostgresFieldlinkDbContext Context(params IInterceptor[] interceptors) => new(
        new DbContextOptionsBuilder<PostgresFieldlinkDbContext>()
            .UseNpgsql(PostgresStorage.ToConnectionString((_database ?? throw new InvalidOperationException("Created in InitializeAsync.")).ConnectionString))
            .AddInterceptors(interceptors)
            .Options,
        new FakeTimeProvider(Now));

    /// <summary>Runs EXPLAIN of each statement that would change rows, with its parameters, and skips the statement itself.</summary>
    private sealed class ExplainInstead : DbCommandInterceptor
    {
        public List<string> Plans { get; } = [];

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await using var explain = command.Connection!.CreateCommand();
            explain.Transaction = command.Transaction;
            explain.CommandText = "EXPLAIN " + command.CommandText;
            foreach (NpgsqlParameter parameter in command.Parameters)
            {
                explain.Parameters.Add(parameter.Clone());
            }

            var plan = new StringBuilder();
            await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    plan.AppendLine(reader.GetString(0));
                }
            }

            Plans.Add(plan.ToString());
            return InterceptionResult<int>.SuppressWithResult(0);
        }
    }
}
