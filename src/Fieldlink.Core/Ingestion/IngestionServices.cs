using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Ingestion;

/// <summary>Registers what ingestion of every kind shares: the record of received messages.</summary>
public static class IngestionServices
{
    /// <summary>Adds <see cref="ReceivedMessages"/> (scoped, over the scoped <c>FieldlinkDbContext</c> the host registers).</summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddScoped<ReceivedMessages>();
        return services;
    }
}
