namespace Fieldlink.Server.Hosting;

/// <summary>Runs the <see cref="StoreInitializer"/> before the server takes requests.</summary>
public sealed class StoreInitializerService(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
