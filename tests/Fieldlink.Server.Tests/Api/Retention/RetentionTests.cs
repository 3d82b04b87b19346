using Fieldlink.Core.Commands;
using Fieldlink.Core.Data;
using Fieldlink.Core.DeadLetters;
using Fieldlink.Core.Retention;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Fieldlink.Server.Tests.Api.Retention;

/// <summary>
/// Retention deletes the finished webhook deliveries, dead letters and finished commands older than their number of
/// days, in batches, and nothing else: not the recent ones, not what is still waiting or running. The pass runs on a
/// clock years ahead, so the server's own pass (on the real clock) never touches these rows. On both databases.
/// </summary>
public abstract class RetentionTests(FieldlinkServer server)
{
    private const int Old = 5;
    private static readonly DateTimeOffset Now = new DateTimeOffset(DateTimeOffset.UtcNow.Year + 3, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RetentionOptions Options = new() { WebhookDeliveryDays = 30, DeadLetterDays = 20, CommandDays = 90, BatchSize = 2 };

    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_pass_deletes_what_finished_before_each_retention_in_batches_and_keeps_the_rest()
    {
        var (gone, kept) = await SeedAsync();

        var log = new LinesLogger();
        var pass = await Service(Options, logger: log).PruneAsync(CancellationToken.None);

        // More rows than one batch of each kind: the pass went on until a batch came back short.
        Assert.Equal(new RetentionPass(Old + 2, Old, Old + 4), pass);
        var left = await IdsAsync([.. gone, .. kept]);
        Assert.Equal(kept.Order(), left.Order());

        // One line for the pass that deleted something, none for the one that found nothing.
        Assert.Equal(0, (await Service(Options, logger: log).PruneAsync(CancellationToken.None)).Total);
        var line = Assert.Single(log.Lines);
        Assert.Equal((3200, $"Retention deleted {Old + 2} webhook deliveries, {Old} dead letters and {Old + 4} commands past their retention"), line);

        await DeleteAsync(kept);
    }

    [Fact]
    public async Task One_batch_deletes_at_most_the_batch_size()
    {
        var instance = (await Registry.InstanceAsync(_admin)).Id();
        List<DeadLetter> old = [.. Enumerable.Range(1, Old).Select(i => DeadLetter(instance, Now.AddDays(-100).AddMinutes(-i)))];
        await AddAsync(db => db.DeadLetters.AddRange(old));

        await using var scope = server.Services.CreateAsyncScope();
        var retention = scope.ServiceProvider.GetRequiredService<RecordRetention>();
        List<int> batches = [];
        for (var i = 0; i < 4; i++)
        {
            batches.Add(await retention.DeleteDeadLettersAsync(Now.AddDays(-99), batchSize: 2, CancellationToken.None));
        }

        Assert.Equal([2, 2, 1, 0], batches);
        Assert.Empty(await IdsAsync([.. old.Select(d => d.Id)]));
    }

    [Fact]
    public async Task Zero_days_keeps_everything()
    {
        var (gone, kept) = await SeedAsync();
        try
        {
            var pass = await Service(new RetentionOptions { WebhookDeliveryDays = 0, DeadLetterDays = 0, CommandDays = 0 }).PruneAsync(CancellationToken.None);

            Assert.Equal(0, pass.Total);
            Assert.Equal(gone.Count + kept.Count, (await IdsAsync([.. gone, .. kept])).Count);
        }
        finally
        {
            await DeleteAsync([.. gone, .. kept]);
        }
    }

    [Fact]
    public async Task The_worker_prunes_at_start_and_again_each_interval_on_its_clock()
    {
        var instance = (await Registry.InstanceAsync(_admin)).Id();
        var early = DeadLetter(instance, Now.AddDays(-21));
        var later = DeadLetter(instance, Now.AddDays(-19));
        await AddAsync(db => db.DeadLetters.AddRange(early, later));
        var clock = new WaitCountingClock(Now);
        using var service = Service(new RetentionOptions { WebhookDeliveryDays = 0, DeadLetterDays = Options.DeadLetterDays, CommandDays = 0, Interval = TimeSpan.FromHours(1) }, clock);

        await service.StartAsync(CancellationToken.None);
        try
        {
            await WaitForAsync(async () => (await IdsAsync([early.Id, later.Id])).Count == 1);

            // Two days on, the next pass (due an hour after the first) finds the second one past its 20 days too.
            await clock.WaitedAsync(1);
            clock.Advance(TimeSpan.FromDays(2));
            await WaitForAsync(async () => (await IdsAsync([later.Id])).Count == 0);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Rows either side of each cutoff; returns those past it and those that must stay.</summary>
    private async Task<(List<Guid> Gone, List<Guid> Kept)> SeedAsync()
    {
        var instance = (await Registry.InstanceAsync(_admin)).Id();
        var device = (await Registry.DeviceAsync(_admin, instance)).Id();
        var deliveryCutoff = Now.AddDays(-Options.WebhookDeliveryDays);
        var deadLetterCutoff = Now.AddDays(-Options.DeadLetterDays);
        var commandCutoff = Now.AddDays(-Options.CommandDays);

        List<WebhookDelivery> oldDeliveries =
        [
            .. Enumerable.Range(1, Old).Select(i => Delivery(WebhookDeliveryStatus.Succeeded, deliveryCutoff.AddDays(-40), deliveryCutoff.AddMinutes(-i))),
            Delivery(WebhookDeliveryStatus.Dead, deliveryCutoff.AddDays(-2), deliveryCutoff.AddDays(-1)),
            Delivery(WebhookDeliveryStatus.Canceled, deliveryCutoff.AddDays(-2), deliveryCutoff.AddSeconds(-1)),
        ];
        List<WebhookDelivery> keptDeliveries =
        [
            // Finished after the cutoff (created long before), and one still waiting however old.
            Delivery(WebhookDeliveryStatus.Succeeded, deliveryCutoff.AddDays(-40), deliveryCutoff.AddSeconds(1)),
            Delivery(WebhookDeliveryStatus.Dead, deliveryCutoff.AddDays(-3), deliveryCutoff),
            Delivery(WebhookDeliveryStatus.Pending, deliveryCutoff.AddDays(-100), null),
        ];
        List<DeadLetter> oldLetters = [.. Enumerable.Range(1, Old).Select(i => DeadLetter(instance, deadLetterCutoff.AddHours(-i)))];
        List<DeadLetter> keptLetters = [DeadLetter(instance, deadLetterCutoff), DeadLetter(instance, deadLetterCutoff.AddDays(1))];
        List<Command> oldCommands =
        [
            .. Enumerable.Range(1, Old).Select(i => Command(device, CommandStatus.Succeeded, commandCutoff.AddDays(-i - 1), commandCutoff.AddDays(-i))),
            Command(device, CommandStatus.Failed, commandCutoff.AddDays(-1), commandCutoff.AddMinutes(-1)),
            Command(device, CommandStatus.TimedOut, commandCutoff.AddDays(-1), commandCutoff.AddMinutes(-1)),
            Command(device, CommandStatus.Expired, commandCutoff.AddDays(-1), commandCutoff.AddMinutes(-1)),
            Command(device, CommandStatus.Canceled, commandCutoff.AddDays(-1), commandCutoff.AddMinutes(-1)),
        ];
        List<Command> keptCommands =
        [
            Command(device, CommandStatus.Succeeded, commandCutoff.AddDays(-1), commandCutoff.AddMinutes(1)),
            Command(device, CommandStatus.Queued, commandCutoff.AddDays(-200), null),
            Command(device, CommandStatus.Sent, commandCutoff.AddDays(-200), null),
            Command(device, CommandStatus.Delivered, commandCutoff.AddDays(-200), null),
        ];
        await AddAsync(db =>
        {
            db.WebhookDeliveries.AddRange([.. oldDeliveries, .. keptDeliveries]);
            db.DeadLetters.AddRange([.. oldLetters, .. keptLetters]);
            db.Commands.AddRange([.. oldCommands, .. keptCommands]);
        });

        return (
            [.. oldDeliveries.Select(e => e.Id), .. oldLetters.Select(e => e.Id), .. oldCommands.Select(e => e.Id)],
            [.. keptDeliveries.Select(e => e.Id), .. keptLetters.Select(e => e.Id), .. keptCommands.Select(e => e.Id)]);
    }

    private static WebhookDelivery Delivery(WebhookDeliveryStatus status, DateTimeOffset createdAt, DateTimeOffset? completedAt) => new()
    {
        CreatedAt = createdAt,
        UpdatedAt = completedAt ?? createdAt,
        SubscriptionId = Guid.NewGuid(),
        MessageId = Guid.NewGuid(),
        EventType = "test",
        Payload = "{}",
        Status = status,
        // Not due on the real clock either, so the server's dispatcher leaves a Pending one alone.
        NextAttemptAt = Now.AddYears(1),
        CompletedAt = completedAt,
    };

    private static DeadLetter DeadLetter(Guid instance, DateTimeOffset receivedAt) =>
        new() { ProviderInstanceId = instance, Source = "test", Reason = "test", ReceivedAt = receivedAt, CreatedAt = receivedAt, UpdatedAt = receivedAt };

    private static Command Command(Guid device, CommandStatus status, DateTimeOffset createdAt, DateTimeOffset? completedAt) => new()
    {
        DeviceRecordId = device,
        Name = "test",
        Status = status,
        CreatedAt = createdAt,
        UpdatedAt = completedAt ?? createdAt,
        CompletedAt = completedAt,
        // Held by a process that is not there: the dispatcher leaves a Queued one alone (Sent and Delivered have no timeout).
        LeaseOwner = "elsewhere",
        LeaseUntil = Now.AddYears(1),
    };

    private RetentionService Service(RetentionOptions options, TimeProvider? clock = null, ILogger<RetentionService>? logger = null) => new(
        server.Services.GetRequiredService<IServiceScopeFactory>(), clock ?? new FakeTimeProvider(Now), new StaticOptionsMonitor(options), logger ?? NullLogger<RetentionService>.Instance);

    /// <summary>Adds records with the CreatedAt they were given (saving stamps the time of the write; this sets it back).</summary>
    private async Task AddAsync(Action<FieldlinkDbContext> add)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        add(db);
        var created = db.ChangeTracker.Entries<Entity>().Select(e => (e.Entity, e.Entity.CreatedAt)).ToList();
        await db.SaveChangesAsync();
        foreach (var (entity, createdAt) in created)
        {
            await (entity switch
            {
                WebhookDelivery => SetCreatedAtAsync(db.WebhookDeliveries, entity.Id, createdAt),
                Core.DeadLetters.DeadLetter => SetCreatedAtAsync(db.DeadLetters, entity.Id, createdAt),
                Core.Commands.Command => SetCreatedAtAsync(db.Commands, entity.Id, createdAt),
                _ => throw new InvalidOperationException(entity.GetType().Name),
            });
        }
    }

    private static Task<int> SetCreatedAtAsync<T>(DbSet<T> set, Guid id, DateTimeOffset createdAt)
        where T : Entity =>
        set.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.CreatedAt, createdAt));

    /// <summary>Which of <paramref name="ids"/> are still stored, of any of the three kinds.</summary>
    private async Task<List<Guid>> IdsAsync(List<Guid> ids)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        return
        [
            .. await db.WebhookDeliveries.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(),
            .. await db.DeadLetters.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(),
            .. await db.Commands.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(),
        ];
    }

    private async Task DeleteAsync(List<Guid> ids)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        await db.WebhookDeliveries.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync();
        await db.DeadLetters.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync();
        await db.Commands.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The condition did not come true in 10 s.");
    }

    private sealed class LinesLogger : ILogger<RetentionService>
    {
        public List<(int EventId, string Message)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((eventId.Id, formatter(state, exception)));
    }

    private sealed class StaticOptionsMonitor(RetentionOptions value) : IOptionsMonitor<RetentionOptions>
    {
        public RetentionOptions CurrentValue => value;

        public RetentionOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<RetentionOptions, string?> listener) => null;
    }
}

public sealed class RetentionOnSqliteTests(SqliteServer server) : RetentionTests(server), IClassFixture<SqliteServer>;

public sealed class RetentionOnPostgresTests(PostgresServer server) : RetentionTests(server), IClassFixture<PostgresServer>;
