using Fieldlink.Core.Actions;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Commands;
using Fieldlink.Core.DeadLetters;
using Fieldlink.Core.Devices;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Connectors;

/// <summary>Registers connectors, action routing and commands.</summary>
public static class ConnectorServices
{
    public static IServiceCollection AddConnectorsAndActions(this IServiceCollection services)
    {
        services.AddOptions<ConnectorOptions>().BindConfiguration("Connectors").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CommandOptions>().BindConfiguration("Commands").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConnectorRegistry>();
        services.AddSingleton<ConnectorSinkFactory>();
        services.AddSingleton<ConnectorInstances>();
        services.AddHostedService<ConnectorInstanceHost>();
        services.AddScoped<ActionRouter>();
        services.AddScoped<DeviceRegistrar>();
        services.AddScoped<DevicePuller>();
        services.AddScoped<ReadingsRouting>();
        services.AddScoped<DeviceEvents>();
        services.AddScoped<CustomActionRunner>();
        services.AddSingleton<CommandSignal>();
        services.AddSingleton<CommandMessageNames>();
        services.AddSingleton<CommandHandoff>();
        services.AddScoped<CommandTransitions>();
        services.AddScoped<CommandIntake>();
        services.AddScoped<CommandStatusRecorder>();
        services.AddScoped<DeadLetterStore>();
        services.AddScoped<Ingestion.ReceivedMessages>();
        services.AddSingleton<CommandDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<CommandDispatcher>());

        services.AddOptions<AlertOptions>().BindConfiguration("Alerts").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AlertSignal>();
        services.AddSingleton<AlertGroupGate>();
        services.AddScoped<AlertIngestion>();
        services.AddScoped<AlertLifecycle>();
        services.AddSingleton<AlertAutoPull>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertAutoPull>());
        return services;
    }
}
