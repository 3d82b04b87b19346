using Fieldlink.Core.WorkOrders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fieldlink.Core.Cases;

/// <summary>Registers the case and work order lifecycle.</summary>
public static class CaseServices
{
    /// <summary>
    /// Adds <see cref="CaseLifecycle"/> and <see cref="WorkOrderLifecycle"/> (scoped, over the scoped
    /// <c>FieldlinkDbContext</c> the host registers).
    /// </summary>
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<CaseLifecycle>();
        services.AddScoped<WorkOrderLifecycle>();
        return services;
    }
}
