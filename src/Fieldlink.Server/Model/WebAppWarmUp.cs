using System.Diagnostics;

namespace Fieldlink.Server.Model;

/// <summary>
/// Loads the alerts list (the home page) and the devices list once as the server starts, so the first person after a
/// restart does not wait for what a process does only once: EF Core compiling the lists' queries, the OData model
/// binding them, the code's JIT (1–3 s on PostgreSQL at 100,000 alerts, against 25 ms once warm; docs/benchmarks.md).
/// It runs in the background after the store is up, so the server answers meanwhile; a failure is only logged, as the
/// first page load would then do the same work and show its own error.
/// </summary>
public sealed partial class WebAppWarmUp(AlertList alerts, DeviceList devices, IHostApplicationLifetime lifetime, ILogger<WebAppWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the start finish (the server listening) before taking a core for this: a start on a small machine must not wait for it.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetResult()))
        {
            await started.Task;
        }

        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        try
        {
            await alerts.LoadAsync(new AlertListQuery(), stoppingToken);
            await devices.LoadAsync(new DeviceListQuery(), stoppingToken);
            WarmedUp(logger, clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before it finished: nothing to warm any more.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            WarmUpFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = ServerEventIds.WebAppWarmedUp, Level = LogLevel.Debug, Message = "The web app's lists were loaded once in {ElapsedMs} ms, so the first page after a start is as quick as the next")]
    private static partial void WarmedUp(ILogger logger, long elapsedMs);

    [LoggerMessage(EventId = ServerEventIds.WebAppWarmUpFailed, Level = LogLevel.Warning, Message = "Loading the web app's lists once at start failed; the first page load will do that work instead")]
    private static partial void WarmUpFailed(ILogger logger, Exception exception);
}
