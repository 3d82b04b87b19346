using System.Diagnostics;

namespace Fieldlink.Server.Model;

/// <summary>
/// Loads the alerts list (the home page) and the devices list once, in the background, when the first page is asked
/// for (the sign-in page, usually), so the first person after a restart does not wait for what a process does only
/// once: EF Core compiling the lists' queries, the OData model binding them, the code's JIT (1–3 s on PostgreSQL at
/// 100,000 alerts, against 25 ms once warm; docs/benchmarks.md). Not as the server starts: there it took a core from
/// the start's own first answers on a small machine, and a process that only takes the API and devices' traffic, or
/// sits idle, kept the code, type data and EF Core plans of pages nobody opened (docs/configuration.md, "Memory and
/// garbage collection"). A failure is only logged, as the first page load would then do the same work and show its own error.
/// </summary>
public sealed partial class WebAppWarmUp(AlertList alerts, DeviceList devices, ILogger<WebAppWarmUp> logger) : BackgroundService
{
    private readonly TaskCompletionSource _pageRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether a page has been asked for, so the warm-up has begun (or is done): a request need not look further.</summary>
    public bool Requested => _pageRequested.Task.IsCompleted;

    /// <summary>Starts the warm-up, once, whoever calls first; called for a browser's page request (<c>MapFieldlink</c>).</summary>
    public void PageRequested() => _pageRequested.TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using (stoppingToken.Register(() => _pageRequested.TrySetResult()))
        {
            await _pageRequested.Task;
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
