using Fieldlink.Core.Providers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fieldlink.Server.Api;

/// <summary><c>GET /api/v1/connectors</c>: the connectors this server has, with their actions and settings schema.</summary>
public static class ConnectorsApi
{
    public static void MapConnectorsApi(this IEndpointRouteBuilder api) =>
        api.MapGet("connectors", List).WithTags("connectors").WithSummary("Lists the available connectors, their actions and settings.");

    private static Ok<IReadOnlyList<ConnectorDescriptor>> List(ConnectorCatalog catalog) =>
        TypedResults.Ok<IReadOnlyList<ConnectorDescriptor>>([.. catalog.All.OrderBy(c => c.Key, StringComparer.Ordinal)]);
}
