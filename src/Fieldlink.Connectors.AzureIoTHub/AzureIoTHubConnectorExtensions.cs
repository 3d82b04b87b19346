using Fieldlink.Sdk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fieldlink.Connectors.AzureIoTHub;

/// <summary>Registers the Azure IoT Hub connector.</summary>
public static class AzureIoTHubConnectorExtensions
{
    public static IServiceCollection AddAzureIoTHubConnector(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Connector, AzureIoTHubConnector>());
        return services;
    }
}
