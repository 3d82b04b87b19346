namespace Fieldlink.Server.Hosting;

/// <summary>
/// Brings the store up once per process: the <see cref="StoreInitializer"/> and then, with the configuration key
/// <c>Demo</c> (<c>--demo</c>), the <see cref="DemoSeeder"/>. <see cref="FieldlinkApp.Build"/> begins it on another
/// thread as soon as the services exist, so that it runs beside what needs no store (mapping the endpoints, the host's
/// own start, the embedded broker): almost all of it is EF Core's code compiled for the first time, on one core, while
/// the rest of a start compiles its own on the other. <see cref="StoreInitializerService"/> waits for it before
/// anything that reads the store starts, and the server listens only after that.
/// </summary>
public sealed class StoreStartup(IServiceScopeFactory scopes, IConfiguration configuration) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private Task? _run;

    /// <summary>Begins bringing the store up unless it has begun; the task of it, the same for every caller.</summary>
    public Task Begin()
    {
        lock (_lock)
        {
            // On the thread pool: SQLite's "async" calls complete synchronously, so the caller would otherwise do it all.
            return _run ??= Task.Run(() => RunAsync(_stopping.Token));
        }
    }

    /// <summary>
    /// Stops a run whose process is not going to serve (an invalid listen address found after the services were built,
    /// a stop before the start) and waits for it, so the services it uses are not disposed under it. Its failure, if
    /// it failed, was the start's to report.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task? run;
        lock (_lock)
        {
            run = _run;
        }

        if (run is not null)
        {
            await run.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync(cancellationToken);
        if (configuration.GetValue<bool>("Demo"))
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }
    }
}
