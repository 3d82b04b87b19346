using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Devices;

namespace Fieldlink.Server.Api.Devices;

public static class DeviceCategoriesApi
{
    public static void MapDeviceCategoriesApi(this IEndpointRouteBuilder api) => api.MapCollection(new DeviceCategoryResource());
}
