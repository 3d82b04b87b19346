using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fieldlink.Core.WorkOrders;

/// <summary>Registers the work order lifecycle.</summary>
public static class WorkOrderServices
{
    /// <summary>Adds <see cref="WorkOrderLifecycle"/> (scoped, over the scoped <c>FieldlinkDbContext</c> the host registers).</summary>
    public static IServiceCollection AddWorkOrders(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<WorkOrderLifecycle>();
        return services;
    }
}
