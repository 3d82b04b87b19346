using Fieldlink.Core.Connectors.Plugins;

namespace Fieldlink.Server.Hosting;

/// <summary>Loads the plugins at start-up, so that a plugin that fails is logged then, whatever uses the connectors later.</summary>
public sealed class PluginLoadingService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<PluginLoadResult>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
