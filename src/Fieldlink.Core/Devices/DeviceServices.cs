using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Devices;

/// <summary>Registers the device actions that write histories (register, pull) and the ingestion of device state.</summary>
public static class DeviceServices
{
    /// <summary>
    /// Adds <see cref="DeviceRegistrar"/>, <see cref="DevicePuller"/>, <see cref="DeviceStateIngestion"/> and <see cref="TileValues"/> (scoped, over
    /// the scoped <c>FieldlinkDbContext</c> the host registers).
    /// </summary>
    public static IServiceCollection AddDevices(this IServiceCollection services)
    {
        services.AddScoped<DeviceRegistrar>();
        services.AddScoped<DevicePuller>();
        services.AddScoped<DeviceStateIngestion>();
        services.AddScoped<TileValues>();
        return services;
    }
}
