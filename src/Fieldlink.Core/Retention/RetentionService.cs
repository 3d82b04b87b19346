using Fieldlink.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Retention;

/// <summary>
/// Prunes finished webhook deliveries, dead letters and finished commands at start-up and then every
/// <see cref="RetentionOptions.Interval"/>, each past its own number of days, on its <see cref="TimeProvider"/>.
/// Deletes are idempotent, so several processes prune one store without coordinating.
/// </summary>
public sealed class RetentionService(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptionsMonitor<RetentionOptions> options,
    ILogger<RetentionService> logger,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    /// <summary>One pass as of now; logs one line when it deleted something.</summary>
    public async Task<RetentionPass> PruneAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var retention = scope.ServiceProvider.GetRequiredService<RecordRetention>();
        var pass = new RetentionPass(
            await UntilShortAsync(settings.WebhookDeliveryDays, retention.DeleteWebhookDeliveriesAsync),
            await UntilShortAsync(settings.DeadLetterDays, retention.DeleteDeadLettersAsync),
            await UntilShortAsync(settings.CommandDays, retention.DeleteCommandsAsync));
        if (pass.Total > 0)
        {
            RetentionLog.Pruned(logger, pass.WebhookDeliveries, pass.DeadLetters, pass.Commands);
        }

        return pass;

        // Batch after batch until one comes back short: the last, or one another process shortened by deleting the
        // same rows first (the rest waits for the next pass).
        async Task<long> UntilShortAsync(int days, Func<DateTimeOffset, int, CancellationToken, Task<int>> deleteBatch)
        {
            long deleted = 0;
            if (days == 0)
            {
                return deleted;
            }

            int batch;
            do
            {
                batch = await deleteBatch(now.AddDays(-days), settings.BatchSize, cancellationToken);
                deleted += batch;
            }
            while (batch == settings.BatchSize);
            return deleted;
        }
    }

    // The pass "at start-up" runs once the server listens (HostStart).
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStart.WhenStartedAsync(lifetime, stoppingToken);
        await PeriodicPass.RunAsync(PruneAsync, () => options.CurrentValue.Interval, (ex, interval) => RetentionLog.PruneFailed(logger, ex, interval), time, stoppingToken);
    }
}
