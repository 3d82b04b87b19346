using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fieldlink.Core.Fleet;

/// <summary>Registers the fleet: this process's identity and its heartbeat.</summary>
public static class FleetServices
{
    /// <summary>
    /// Adds <see cref="ThisNode"/> and the <see cref="FleetHeartbeat"/> as a hosted service, with
    /// <see cref="FleetOptions"/> (section <c>Fleet</c>, validated at start). Called first among Core's features, so
    /// the node name is claimed before any worker starts, and the heartbeat stops after them.
    /// </summary>
    public static IServiceCollection AddFleet(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<FleetOptions>().BindConfiguration("Fleet").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ThisNode>();
        services.AddHostedService<FleetHeartbeat>();
        return services;
    }
}
