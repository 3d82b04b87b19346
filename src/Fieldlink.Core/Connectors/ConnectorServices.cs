using Fieldlink.Core.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Connectors;

/// <summary>Registers what runs the connectors the host offers: their registry, their open instances and the sinks they report into.</summary>
public static class ConnectorServices
{
    /// <summary>
    /// Adds <see cref="ConnectorRegistry"/>, <see cref="ConnectorSinkFactory"/>, <see cref="ConnectorInstances"/> and the
    /// <see cref="ConnectorInstanceHost"/> that opens every enabled instance, the connection state they report
    /// (<see cref="ProcessConnections"/>, stored by the <see cref="ConnectionReportWriter"/>, read through
    /// <see cref="InstanceConnectionStates"/>), with <see cref="ConnectorOptions"/> (section
    /// <c>Connectors</c>, validated at start). The connectors themselves are the host's to register, before this.
    /// </summary>
    public static IServiceCollection AddConnectors(this IServiceCollection services)
    {
        services.AddOptions<ConnectorOptions>().BindConfiguration("Connectors")
            .PostConfigure<IConfiguration>((options, configuration) => options.Node ??= configuration["Mqtt:Node"])
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConnectorRegistry>();
        services.AddSingleton<ConnectorSinkFactory>();
        services.AddSingleton<ConnectorInstances>();
        services.AddSingleton<ConnectorSignal>();
        services.AddHostedService<ConnectorInstanceHost>();
        services.AddSingleton<ProcessConnections>();
        services.AddSingleton<InstanceConnectionStates>();

        // After the host, so it stops first and deletes this process's reports while the host closes the instances.
        services.AddHostedService<ConnectionReportWriter>();
        return services;
    }
}
