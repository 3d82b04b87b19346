using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fieldlink.Core.Thresholds;

/// <summary>Registers threshold rules, which telemetry ingestion runs on every stored batch.</summary>
public static class ThresholdServices
{
    /// <summary>
    /// Adds <see cref="ThresholdRules"/> (scoped, over the scoped <c>FieldlinkDbContext</c>), its
    /// <see cref="ThresholdCache"/> (one per process) and the <see cref="ThresholdOptions"/> (section
    /// <c>Thresholds</c>, validated at start). The rules raise alerts through the alert pipeline
    /// (<see cref="Alerts.AlertServices.AddAlerts"/>).
    /// </summary>
    public static IServiceCollection AddThresholds(this IServiceCollection services)
    {
        services.AddOptions<ThresholdOptions>().BindConfiguration(ThresholdOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ThresholdCache>();
        services.AddScoped<ThresholdRules>();
        return services;
    }
}
