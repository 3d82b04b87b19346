using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Alerts;

/// <summary>Registers alerts: their ingestion and grouping, their lifecycle, and the automatic pull of an alert's device.</summary>
public static class AlertServices
{
    /// <summary>
    /// Adds <see cref="AlertIngestion"/> and <see cref="AlertLifecycle"/> (scoped), the <see cref="AlertSignal"/> and
    /// <see cref="AlertGroupGate"/> (one per process), and <see cref="AlertAutoPull"/> as a hosted service, with
    /// <see cref="AlertOptions"/> (section <c>Alerts</c>, validated at start).
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertOptions>().BindConfiguration("Alerts").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AlertSignal>();
        services.AddSingleton<AlertGroupGate>();
        services.AddScoped<AlertIngestion>();
        services.AddScoped<AlertLifecycle>();
        services.AddSingleton<AlertAutoPull>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertAutoPull>());
        return services;
    }
}
