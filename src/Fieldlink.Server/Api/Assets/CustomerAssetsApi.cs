using Fieldlink.Server.Api.Assets;
using Fieldlink.Server.Api.Collections;

namespace Fieldlink.Server.Api.Assets;

public static class CustomerAssetsApi
{
    public static void MapCustomerAssetsApi(this IEndpointRouteBuilder api) => api.MapCollection(new CustomerAssetResource());
}
