using Fieldlink.Sdk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fieldlink.Connectors.Simulator;

/// <summary>Registers the simulator with the connectors Fieldlink offers.</summary>
public static class SimulatorConnectorExtensions
{
    /// <summary>Adds <see cref="SimulatorConnector"/> as a <see cref="Connector"/> service; adding it twice adds it once.</summary>
    /// <param name="services">The host's services.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddSimulatorConnector(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Connector, SimulatorConnector>());
        return services;
    }
}
