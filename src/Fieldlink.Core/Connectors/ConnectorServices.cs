using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Connectors;

/// <summary>Registers what runs the connectors the host offers: their registry, their open instances and the sinks they report into.</summary>
public static class ConnectorServices
{
    /// <summary>
    /// Adds <see cref="ConnectorRegistry"/>, <see cref="ConnectorSinkFactory"/>, <see cref="ConnectorInstances"/> and the
    /// <see cref="ConnectorInstanceHost"/> that opens every enabled instance, with <see cref="ConnectorOptions"/> (section
    /// <c>Connectors</c>, validated at start). The connectors themselves are the host's to register, before this.
    /// </summary>
    public static IServiceCollection AddConnectors(this IServiceCollection services)
    {
        services.AddOptions<ConnectorOptions>().BindConfiguration("Connectors").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConnectorRegistry>();
        services.AddSingleton<ConnectorSinkFactory>();
        services.AddSingleton<ConnectorInstances>();
        services.AddHostedService<ConnectorInstanceHost>();
        return services;
    }
}
