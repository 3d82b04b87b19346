using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fieldlink.Core.Retention;

/// <summary>Registers the pruning of finished records.</summary>
public static class RetentionServices
{
    /// <summary>
    /// Adds <see cref="RecordRetention"/> (scoped), the <see cref="RetentionOptions"/> (section <c>Retention</c>,
    /// validated at start) and the <see cref="RetentionService"/> worker. Register the store's initializer first, so the
    /// first pass finds the schema in place.
    /// </summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<RecordRetention>();
        services.AddHostedService<RetentionService>();
        return services;
    }
}
