namespace Fieldlink.Server.Hosting;

/// <summary>
/// Holds the start until the store is up (<see cref="StoreStartup"/>: migrated, and with <c>--demo</c> seeded): the
/// hosted services after it read the store, and the server takes requests only after them all. Begins bringing the
/// store up itself when nothing has yet (a host built other than by <see cref="FieldlinkApp.Build"/>).
/// </summary>
public sealed class StoreInitializerService(StoreStartup store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.Begin().WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
