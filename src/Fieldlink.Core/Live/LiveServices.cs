using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Live;

/// <summary>Registers the live change feed that open pages watch.</summary>
public static class LiveServices
{
    /// <summary>Adds the <see cref="ChangeFeed"/> (one per process).</summary>
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddSingleton<ChangeFeed>();
        return services;
    }
}
