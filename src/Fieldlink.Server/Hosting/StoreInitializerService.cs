namespace Fieldlink.Server.Hosting;

/// <summary>
/// Runs the <see cref="StoreInitializer"/> before the server takes requests and then, with the configuration key
/// <c>Demo</c> (<c>--demo</c>), the <see cref="DemoSeeder"/>.
/// </summary>
public sealed class StoreInitializerService(IServiceScopeFactory scopes, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync(cancellationToken);
        if (configuration.GetValue<bool>("Demo"))
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
