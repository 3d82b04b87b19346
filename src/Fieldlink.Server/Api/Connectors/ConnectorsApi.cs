using Fieldlink.Core.Connectors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fieldlink.Server.Api.Connectors;

/// <summary>
/// <c>GET /api/v1/connectors</c>: the connectors this server has, with their actions and settings schema, and the
/// plugins that failed to load, so an operator sees why a connector is missing.
/// </summary>
public static class ConnectorsApi
{
    public static void MapConnectorsApi(this IEndpointRouteBuilder api) =>
        api.MapGet("connectors", List).WithTags("connectors").WithSummary("Lists the available connectors, their actions and settings, and plugin load failures.");

    private static Ok<ConnectorList> List(ConnectorRegistry registry) =>
        TypedResults.Ok(new ConnectorList([.. registry.All], registry.Failures));
}
