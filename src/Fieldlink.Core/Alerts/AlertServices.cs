using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Settings;
using Fieldlink.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Alerts;

/// <summary>Registers alerts: their ingestion and grouping, their lifecycle, and the automatic pull of an alert's device.</summary>
public static class AlertServices
{
    /// <summary>
    /// Adds <see cref="AlertIngestion"/> and <see cref="AlertLifecycle"/> (scoped), the <see cref="AlertSignal"/>,
    /// <see cref="AlertGroupGate"/>, the <see cref="SettingsCache"/> and the alerts' <see cref="IngestionGroupCommit{TReport}"/> (one per process), and <see cref="AlertAutoPull"/> as a hosted service, with
    /// <see cref="AlertOptions"/> (section <c>Alerts</c>, validated at start).
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertOptions>().BindConfiguration("Alerts").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AlertSignal>();
        services.AddSingleton<AlertGroupGate>();
        services.AddSingleton<SettingsCache>();
        services.AddScoped<AlertIngestion>();
        services.AddSingleton(sp => new IngestionGroupCommit<AlertReport>(
            sp.GetRequiredService<IServiceScopeFactory>(),
            static (scope, instanceId, reports, ct) => scope.GetRequiredService<AlertIngestion>().IngestAsync(instanceId, reports, ct)));
        services.AddScoped<AlertLifecycle>();
        services.AddSingleton<AlertAutoPull>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertAutoPull>());
        return services;
    }
}
