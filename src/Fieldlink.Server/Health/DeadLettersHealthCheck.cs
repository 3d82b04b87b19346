using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Health;

/// <summary>
/// Degraded when any dead letter arrived within <see cref="ReadinessOptions.DeadLetterWindow"/>: devices or a vendor
/// send something Fieldlink cannot use, and what they meant is lost until someone reads <c>/api/v1/deadLetters</c>.
/// Reads the ReceivedAt index's last hour only. The answer needs no key, so it gives counts, times and the provider
/// instance, never a dead letter's reason or payload (they may quote what devices sent).
/// </summary>
public sealed class DeadLettersHealthCheck(FieldlinkDbContext db, TimeProvider time, IOptionsMonitor<ReadinessOptions> options, OperationsGauges gauges) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var window = options.CurrentValue.DeadLetterWindow;
        var since = time.GetUtcNow() - window;
        var recent = db.DeadLetters.AsNoTracking().Where(d => d.ReceivedAt >= since);
        var count = await recent.LongCountAsync(cancellationToken);
        gauges.RecordDeadLetters(count);

        var data = new Dictionary<string, object> { ["count"] = count, ["windowSeconds"] = window.TotalSeconds };
        if (count == 0)
        {
            return HealthCheckResult.Healthy($"No dead letter since {since:O}.", data);
        }

        var latest = await recent.OrderByDescending(d => d.ReceivedAt).Select(d => new { d.ReceivedAt, d.ProviderInstanceId }).FirstAsync(cancellationToken);
        data["latestAt"] = latest.ReceivedAt;
        data["latestProviderInstanceId"] = latest.ProviderInstanceId;
        return HealthCheckResult.Degraded($"{count} dead letters since {since:O}, the latest at {latest.ReceivedAt:O} for provider instance {latest.ProviderInstanceId}; GET /api/v1/deadLetters says what they were.", data: data);
    }
}
