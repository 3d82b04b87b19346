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
    ILogger<RetentionService> logger) : BackgroundService
{
    /// <summary>One pass as of now; logs one line when it deleted something.</summary>
    public async Task<RetentionPass> PruneAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var retention = scope.ServiceProvider.GetRequiredService<RecordRetention>();
        var pass = new RetentionPass(
            settings.WebhookDeliveryDays == 0 ? 0 : await retention.DeleteWebhookDeliveriesAsync(now.AddDays(-settings.WebhookDeliveryDays), settings.BatchSize, cancellationToken),
            settings.DeadLetterDays == 0 ? 0 : await retention.DeleteDeadLettersAsync(now.AddDays(-settings.DeadLetterDays), settings.BatchSize, cancellationToken),
            settings.CommandDays == 0 ? 0 : await retention.DeleteCommandsAsync(now.AddDays(-settings.CommandDays), settings.BatchSize, cancellationToken));
        if (pass.Total > 0)
        {
            RetentionLog.Pruned(logger, pass.WebhookDeliveries, pass.DeadLetters, pass.Commands);
        }

        return pass;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A store that is briefly away must not stop pruning for good: log and try at the next interval.
                RetentionLog.PruneFailed(logger, ex, options.CurrentValue.Interval);
            }

            try
            {
                await Task.Delay(options.CurrentValue.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
