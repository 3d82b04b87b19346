using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Core.Fleet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Webhooks;

/// <summary>
/// Delivers due outbox rows. Deliveries are claimed with a lease in the database (one conditional UPDATE, as the
/// <see cref="Commands.CommandDispatcher"/> claims commands), so several processes share the work and each event
/// reaches each subscription once; a batch whose process died is released by a survivor once that process's heartbeat
/// stops (<see cref="Fleet.FleetHeartbeat"/>), and taken over when its lease runs out at the latest. The claim carries
/// this process's incarnation (<see cref="Fleet.ThisNode.NewClaim"/>), which is how a survivor tells its leases.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes,
    WebhookSender sender,
    WebhookSignal signal,
    ThisNode node,
    WebhookSubscriptionCache cache,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> log,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }

        // The first round waits for the server to listen (HostStart).
        await HostStart.WhenStartedAsync(lifetime, stoppingToken);
        await signal.RunRoundsAsync(RunOnceAsync, options.Value.BatchSize, options.Value.PollInterval, ex => WebhookLog.RoundFailed(log, ex), stoppingToken);
    }

    /// <summary>One round: claim a batch of due deliveries, attempt them, record each outcome. Returns how many it attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var deliveries = db.Set<WebhookDelivery>();
        var now = time.GetUtcNow();
        var claim = node.NewClaim();
        var due = deliveries
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => d.Id)
            .Take(options.Value.BatchSize);

        // A row another process claimed meanwhile no longer matches the condition, so it is claimed once.
        await deliveries
            .Where(d => due.Contains(d.Id) && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, claim).SetProperty(d => d.LeaseUntil, now + Lease(options.Value)), cancellationToken);
        var claimed = await deliveries.AsNoTracking().Where(d => d.LeaseOwner == claim).OrderBy(d => d.NextAttemptAt).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var subscriptionIds = claimed.Select(d => d.SubscriptionId).Distinct().ToList();
        var subscriptions = await db.Set<WebhookSubscription>().AsNoTracking().Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);

        // The HTTP calls run side by side; their outcomes are written one by one, as a DbContext is not shared.
        using var gate = new SemaphoreSlim(options.Value.Concurrency);
        var attempts = claimed.Select(async delivery =>
        {
            if (!subscriptions.TryGetValue(delivery.SubscriptionId, out var subscription) || !subscription.Enabled)
            {
                return (delivery, subscription, (WebhookSender.Outcome?)null);
            }

            await gate.WaitAsync(cancellationToken);
            try
            {
                var outcome = await sender.SendAsync(new Uri(subscription.Url), delivery.MessageId, delivery.Payload, SecretsOf(subscription), cancellationToken);
                return (delivery, subscription, outcome);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();

        foreach (var (delivery, subscription, outcome) in await Task.WhenAll(attempts))
        {
            await RecordAsync(db, delivery, subscription, outcome, claim, cancellationToken);
        }

        return claimed.Count;
    }

    /// <summary>
    /// How long a batch is held: the configured lease, or longer when the batch could take longer (every attempt
    /// timing out, <see cref="WebhookOptions.Concurrency"/> at a time), so no other process takes it over mid-way.
    /// </summary>
    public static TimeSpan Lease(WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rounds = (options.BatchSize + options.Concurrency - 1) / options.Concurrency;
        var longest = (options.Timeout * rounds) + TimeSpan.FromSeconds(30);
        return longest > options.LeaseDuration ? longest : options.LeaseDuration;
    }

    private IReadOnlyList<string> SecretsOf(WebhookSubscription subscription) =>
        subscription.PreviousSecret is { } previous && subscription.PreviousSecretUntil > time.GetUtcNow()
            ? [subscription.Secret, previous]
            : [subscription.Secret];

    private async Task RecordAsync(FieldlinkDbContext db, WebhookDelivery delivery, WebhookSubscription? subscription, WebhookSender.Outcome? outcome, string claim, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var mine = db.Set<WebhookDelivery>().Where(d => d.Id == delivery.Id && d.LeaseOwner == claim && d.Status == WebhookDeliveryStatus.Pending);
        if (subscription is null)
        {
            // Written by a process whose copy of the subscriptions still had one deleted since: it goes as its log went.
            await mine.ExecuteDeleteAsync(cancellationToken);
            return;
        }

        if (outcome is null)
        {
            // Its subscription is disabled: nothing is sent; a redelivery can send it later.
            await mine.ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Status, WebhookDeliveryStatus.Canceled)
                    .SetProperty(d => d.LastError, "The subscription is disabled.")
                    .SetProperty(d => d.CompletedAt, now)
                    .SetProperty(d => d.LeaseOwner, (string?)null)
                    .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null)
                    .Stamped(now),
                cancellationToken);
            return;
        }

        var attempts = delivery.Attempts + 1;
        var logEntries = JsonNode.Parse(delivery.AttemptLog) as JsonArray ?? [];
        logEntries.Add(JsonSerializer.SerializeToNode(new WebhookAttempt(now, outcome.StatusCode, outcome.LatencyMs, outcome.Error, outcome.Response), Json));
        var attemptLog = logEntries.ToJsonString(Json);
        var error = outcome.Error is { Length: > 2000 } long_ ? long_[..2000] : outcome.Error;
        var gone = WebhookSender.IsGone(outcome);
        var next = outcome.Succeeded || gone
            ? null
            : WebhookSchedule.NextAttempt(attempts, now, outcome.RetryAfter, options.Value.Jitter, Random.Shared.NextDouble());
        var status = outcome.Succeeded ? WebhookDeliveryStatus.Succeeded : next is null ? WebhookDeliveryStatus.Dead : WebhookDeliveryStatus.Pending;
        WebhookLog.Attempted(log, delivery.Id, delivery.EventType, delivery.SubscriptionId, attempts, outcome.StatusCode, outcome.Error);

        // A delivery that ends and its subscription's flag change together, so no reader sees one without the other.
        var flagsSubscription = gone || status == WebhookDeliveryStatus.Dead || (status == WebhookDeliveryStatus.Succeeded && subscription?.FailingSince is not null);
        await using var transaction = flagsSubscription && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var updated = await mine.ExecuteUpdateAsync(
            s => s.SetProperty(d => d.Status, status)
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.NextAttemptAt, next ?? delivery.NextAttemptAt)
                .SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.LastStatusCode, outcome.StatusCode)
                .SetProperty(d => d.LastError, error)
                .SetProperty(d => d.AttemptLog, attemptLog)
                .SetProperty(d => d.CompletedAt, status == WebhookDeliveryStatus.Pending ? null : now)
                .SetProperty(d => d.LeaseOwner, (string?)null)
                .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null)
                .Stamped(now),
            cancellationToken);
        if (updated == 0)
        {
            return;
        }

        var subscriptions = db.Set<WebhookSubscription>().Where(x => x.Id == delivery.SubscriptionId);
        if (gone)
        {
            await subscriptions.ExecuteUpdateAsync(
                s => s.SetProperty(x => x.Enabled, false)
                    .SetProperty(x => x.DisabledReason, $"The endpoint answered 410 Gone at {now:O}; enable the subscription again once it is back.")
                    .Stamped(now),
                cancellationToken);
            cache.Invalidate();
            WebhookLog.Gone(log, delivery.SubscriptionId);
        }
        else if (status == WebhookDeliveryStatus.Dead)
        {
            await subscriptions.Where(x => x.FailingSince == null).ExecuteUpdateAsync(
                s => s.SetProperty(x => x.FailingSince, now)
                    .Stamped(now),
                cancellationToken);
            WebhookLog.Dead(log, delivery.Id, delivery.SubscriptionId, attempts, error);
        }
        else if (status == WebhookDeliveryStatus.Succeeded && subscription?.FailingSince is not null)
        {
            await subscriptions.Where(x => x.FailingSince != null).ExecuteUpdateAsync(
                s => s.SetProperty(x => x.FailingSince, (DateTimeOffset?)null)
                    .Stamped(now),
                cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
