using Fieldlink.Core.Connectors;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Providers;

namespace Fieldlink.Server.Api.Providers;

public static class ProvidersApi
{
    public static void MapProvidersApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapCollection(new ProviderResource(api.ServiceProvider.GetRequiredService<ConnectorRegistry>()));
    }
}
