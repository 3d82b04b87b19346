using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Readings;

/// <summary>
/// Runs the retention sweep at start-up and then every <see cref="ReadingsOptions.RetentionSweepInterval"/>. Deleting
/// what is already gone is harmless, so several processes may sweep the same store without coordinating.
/// </summary>
public sealed class ReadingsRetentionService(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptionsMonitor<ReadingsOptions> options,
    ILogger<ReadingsRetentionService> logger) : BackgroundService
{
    /// <summary>One sweep: deletes the readings older than the retention period as of now; returns how many.</summary>
    public async Task<long> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (settings.RetentionDays == 0)
        {
            return 0;
        }

        var cutoff = time.GetUtcNow().AddDays(-settings.RetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var deleted = await scope.ServiceProvider.GetRequiredService<ReadingsRetention>()
            .DeleteOlderThanAsync(cutoff, settings.RetentionBatchSize, cancellationToken);
        if (deleted > 0)
        {
            ReadingsLog.RetentionDeleted(logger, deleted, cutoff);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A store that is briefly away must not stop the sweeps for good: log and try at the next interval.
                ReadingsLog.RetentionFailed(logger, ex, options.CurrentValue.RetentionSweepInterval);
            }

            try
            {
                await Task.Delay(options.CurrentValue.RetentionSweepInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
