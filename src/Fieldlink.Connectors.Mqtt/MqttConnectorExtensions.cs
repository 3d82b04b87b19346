using Fieldlink.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fieldlink.Connectors.Mqtt;

/// <summary>Registers the MQTT connector and the embedded broker.</summary>
public static class MqttConnectorExtensions
{
    /// <summary>
    /// Adds <see cref="MqttConnector"/> as a <see cref="Connector"/> service, its options (section <c>Mqtt</c>), and the
    /// <see cref="EmbeddedMqttBroker"/>, which runs when <see cref="MqttOptions.Broker"/> asks for it.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddMqttConnector(this IServiceCollection services)
    {
        services.AddOptions<MqttOptions>().BindConfiguration("Mqtt")
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                options.DataDirectory ??= configuration["DataDir"] is { Length: > 0 } dir ? dir : "data";

                // One node name for both: a process named with Connectors:Node alone must not share its client ids.
                options.Node ??= configuration["Connectors:Node"];
            })
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Connector, MqttConnector>());
        services.TryAddSingleton<EmbeddedMqttBroker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedMqttBroker>());
        return services;
    }
}
