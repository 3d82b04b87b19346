using Fieldlink.Core.Data;
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
    ILogger<ReadingsRetentionService> logger,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
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

    // The sweep "at start-up" runs once the server listens (HostStart).
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStart.WhenStartedAsync(lifetime, stoppingToken);
        await PeriodicPass.RunAsync(SweepAsync, () => options.CurrentValue.RetentionSweepInterval, (ex, interval) => ReadingsLog.RetentionFailed(logger, ex, interval), time, stoppingToken);
    }
}
