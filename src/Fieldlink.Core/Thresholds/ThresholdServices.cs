using Fieldlink.Core.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fieldlink.Core.Thresholds;

/// <summary>Registers threshold rules, which telemetry ingestion runs on every stored batch.</summary>
public static class ThresholdServices
{
    /// <summary>
    /// Adds <see cref="ThresholdRules"/> (scoped, over the scoped <c>FieldlinkDbContext</c>), its
    /// <see cref="ThresholdCache"/> (one per process) and the <see cref="ThresholdOptions"/> (section
    /// <c>Thresholds</c>, validated at start), and the alert pipeline it raises alerts through unless it is registered
    /// already.
    /// </summary>
    public static IServiceCollection AddThresholdRules(this IServiceCollection services)
    {
        services.AddOptions<ThresholdOptions>().BindConfiguration(ThresholdOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AlertSignal>();
        services.TryAddScoped<AlertIngestion>();
        services.TryAddSingleton<ThresholdCache>();
        services.TryAddScoped<ThresholdRules>();
        return services;
    }
}
