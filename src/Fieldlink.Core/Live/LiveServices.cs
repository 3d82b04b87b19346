using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Live;

/// <summary>Registers the live change feed that open pages watch.</summary>
public static class LiveServices
{
    /// <summary>
    /// Adds the <see cref="ChangeFeed"/> and <see cref="LiveChanges"/> (one each per process), which every
    /// <c>FieldlinkDbContext</c> made by the container reports its committed changes to.
    /// </summary>
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<LiveChanges>();
        services.AddSingleton<LooseNotices>();
        services.AddHostedService(sp => sp.GetRequiredService<LooseNotices>());
        return services;
    }
}
