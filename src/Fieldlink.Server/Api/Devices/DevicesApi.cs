using Fieldlink.Server.Api.Collections;
using Fieldlink.Server.Api.Devices;

namespace Fieldlink.Server.Api.Devices;

public static class DevicesApi
{
    public static void MapDevicesApi(this IEndpointRouteBuilder api) => api.MapCollection(new DeviceResource());
}
