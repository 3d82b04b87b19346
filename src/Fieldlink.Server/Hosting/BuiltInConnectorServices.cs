using Fieldlink.Connectors.AzureIoTHub;
using Fieldlink.Connectors.Http;
using Fieldlink.Connectors.Mqtt;
using Fieldlink.Connectors.Simulator;
using Fieldlink.Core.Connectors.Plugins;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Hosting;

/// <summary>
/// Registers the connectors the server offers: the built-in ones as <c>Connector</c> services, and the plugins (loaded by
/// a hosted service, so register this before Core's workers).
/// </summary>
public static class BuiltInConnectorServices
{
    public static IServiceCollection AddBuiltInConnectors(this IServiceCollection services)
    {
        services.AddSimulatorConnector();
        services.AddHttpConnector();
        services.AddMqttConnector();
        services.AddAzureIoTHubConnector();

        // Read when first resolved, not now, so that every configuration source (a test host's too) has been applied.
        services.AddOptions<PluginOptions>()
            .BindConfiguration("Plugins")
            .PostConfigure<IConfiguration>((options, configuration) => options.Directory ??=
                Path.Combine(configuration["DataDir"] is { Length: > 0 } dataDir ? dataDir : "data", "plugins"));
        services.AddSingleton<PluginLoader>();
        services.AddSingleton(sp => sp.GetRequiredService<PluginLoader>().Load(sp.GetRequiredService<IOptions<PluginOptions>>().Value.Directory!));
        services.AddHostedService<PluginLoadingService>();
        return services;
    }
}
