using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fieldlink.Core.Cases;

/// <summary>Registers the case lifecycle.</summary>
public static class CaseServices
{
    /// <summary>Adds <see cref="CaseLifecycle"/> (scoped, over the scoped <c>FieldlinkDbContext</c> the host registers).</summary>
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<CaseLifecycle>();
        return services;
    }
}
