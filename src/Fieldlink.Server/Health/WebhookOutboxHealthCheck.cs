using Fieldlink.Core.Data;
using Fieldlink.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Health;

/// <summary>
/// Degraded when the webhook outbox falls behind: more deliveries waiting than <see cref="ReadinessOptions.OutboxBacklog"/>,
/// or the oldest waiting longer than <see cref="ReadinessOptions.OutboxOldest"/>. Subscribers then hear of changes late
/// (an endpoint that is down and retried, or too few dispatchers for the load). Both figures read the
/// (Status, NextAttemptAt) index's Pending range, which is the backlog itself.
/// </summary>
public sealed class WebhookOutboxHealthCheck(FieldlinkDbContext db, TimeProvider time, IOptionsMonitor<ReadinessOptions> options, OperationsGauges gauges) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limits = options.CurrentValue;
        var pending = db.WebhookDeliveries.AsNoTracking().Where(d => d.Status == WebhookDeliveryStatus.Pending);
        var backlog = await pending.LongCountAsync(cancellationToken);
        var oldest = backlog == 0 ? null : await pending.MinAsync(d => (DateTimeOffset?)d.CreatedAt, cancellationToken);
        var age = oldest is { } since ? Max(time.GetUtcNow() - since, TimeSpan.Zero) : TimeSpan.Zero;
        gauges.RecordOutbox(backlog, age);

        var data = new Dictionary<string, object>
        {
            ["backlog"] = backlog,
            ["backlogThreshold"] = limits.OutboxBacklog,
            ["oldestThresholdSeconds"] = limits.OutboxOldest.TotalSeconds,
        };
        if (oldest is { } oldestAt)
        {
            data["oldestPendingSince"] = oldestAt;
            data["oldestPendingAgeSeconds"] = Math.Round(age.TotalSeconds, 1);
        }

        var problems = new List<string>();
        if (backlog > limits.OutboxBacklog)
        {
            problems.Add($"{backlog} webhook deliveries are waiting, more than {limits.OutboxBacklog}");
        }

        if (age > limits.OutboxOldest)
        {
            problems.Add($"the oldest has waited since {oldest:O}, longer than {limits.OutboxOldest}");
        }

        return problems.Count > 0
            ? HealthCheckResult.Degraded(string.Join("; ", problems) + ".", data: data)
            : HealthCheckResult.Healthy(backlog == 0 ? "No webhook delivery is waiting." : $"{backlog} webhook deliveries are waiting, within the thresholds.", data);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
