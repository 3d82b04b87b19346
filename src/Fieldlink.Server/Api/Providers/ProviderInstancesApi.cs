using Fieldlink.Core.Connectors;
using Fieldlink.Core.Outbound;
using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Providers;

namespace Fieldlink.Server.Api.Providers;

public static class ProviderInstancesApi
{
    public static void MapProviderInstancesApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapCollection(new ProviderInstanceResource(api.ServiceProvider.GetRequiredService<ConnectorRegistry>(), api.ServiceProvider.GetRequiredService<OutboundGuard>()));
    }
}
