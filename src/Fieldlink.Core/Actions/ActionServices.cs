using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Actions;

/// <summary>Registers the routing of provider actions to each device's connector.</summary>
public static class ActionServices
{
    /// <summary>
    /// Adds <see cref="ActionRouter"/>, <see cref="ReadingsRouting"/>, <see cref="DeviceEvents"/> and
    /// <see cref="CustomActionRunner"/> (scoped, over the scoped <c>FieldlinkDbContext</c> the host registers), and the
    /// process's <see cref="ActionTargetCache"/>.
    /// </summary>
    public static IServiceCollection AddActions(this IServiceCollection services)
    {
        services.AddSingleton<ActionTargetCache>();
        services.AddScoped<ActionRouter>();
        services.AddScoped<ReadingsRouting>();
        services.AddScoped<DeviceEvents>();
        services.AddScoped<CustomActionRunner>();
        return services;
    }
}
