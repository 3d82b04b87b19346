using Fieldlink.Sdk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fieldlink.Connectors.Http;

/// <summary>Registers the http connector.</summary>
public static class HttpConnectorExtensions
{
    public static IServiceCollection AddHttpConnector(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Connector, HttpConnector>());
        return services;
    }
}
