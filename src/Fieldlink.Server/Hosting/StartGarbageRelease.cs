using System.Runtime;

namespace Fieldlink.Server.Hosting;

/// <summary>
/// Once the start has settled (<see cref="SettleTime"/> after the application started), collects everything once,
/// compacting, and gives the emptied heap back to the operating system. Why: a start makes far more garbage than an
/// idle server ever holds (a fresh store builds one EF Core model per migration to generate its SQL; the demo seeds
/// through the change tracker; the first queries compile), and the collector keeps the memory it grew into for the
/// next burst, which an idle server never has. Measured on an idle <c>serve --demo</c>: the resident set fell from about
/// 213 to 185 MB, all of it committed but empty heap (docs/configuration.md, "Memory and garbage collection").
/// </summary>
/// <remarks>
/// One collection, once, on a timer's thread: an aggressive collection is a blocking full compaction, a few tens of
/// milliseconds for the heap an idle server holds, and the heap grows again as the load asks, sized by the collector as
/// usual. A host stopped before the settle time never collects.
/// </remarks>
public sealed class StartGarbageRelease(IHostApplicationLifetime lifetime, TimeProvider time, ILogger<StartGarbageRelease> logger)
    : IHostedService, IDisposable
{
    /// <summary>How long after the application started the start is taken to have settled: its hosted services have
    /// opened the connectors and the demo's first readings are in (5 seconds).</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _onStarted;
    private ITimer? _timer;

    /// <summary>Completes once the collection has been made (for tests).</summary>
    public Task Released => _released.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _onStarted = lifetime.ApplicationStarted.Register(
            () => _timer = time.CreateTimer(_ => Release(), null, SettleTime, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _onStarted.Dispose();
        _timer?.Dispose();
    }

    private void Release()
    {
        var committedBefore = GC.GetGCMemoryInfo().TotalCommittedBytes;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo(GCKind.Any);
        HostingLog.StartGarbageReleased(logger, committedBefore / (1024 * 1024), after.TotalCommittedBytes / (1024 * 1024), after.HeapSizeBytes / (1024 * 1024));
        _released.TrySetResult();
    }
}
