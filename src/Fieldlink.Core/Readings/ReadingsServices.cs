using Fieldlink.Core.Ingestion;
using Fieldlink.Sdk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Fieldlink.Core.Readings;

/// <summary>Registers the readings store, its retention, and the ingestion of telemetry.</summary>
public static class ReadingsServices
{
    /// <summary>
    /// Adds <see cref="ReadingsWriter"/>, <see cref="ReadingsStore"/>, <see cref="ReadingsRetention"/> and
    /// <see cref="TelemetryIngestion"/> (scoped, over the scoped <c>FieldlinkDbContext</c> the host registers), the
    /// series id cache, the <see cref="TelemetryDeviceCache"/>, the last activity throttle, the telemetry's <see cref="IngestionGroupCommit{TReport}"/>, the <see cref="ReadingsOptions"/> (section <c>Readings</c>, validated at start) and the retention
    /// sweep. Telemetry runs the threshold rules (<see cref="Thresholds.ThresholdServices.AddThresholds"/>). Register the
    /// store's initializer first, so the first sweep finds the schema in place.
    /// </summary>
    public static IServiceCollection AddReadings(this IServiceCollection services)
    {
        services.AddOptions<ReadingsOptions>().BindConfiguration(ReadingsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ReadingSeriesCache>();
        services.AddSingleton<TelemetryDeviceCache>();
        services.AddSingleton(sp => new LastActivityThrottle(sp.GetRequiredService<IOptions<ReadingsOptions>>().Value.LastActivityResolution));
        services.AddScoped<ReadingsWriter>();
        services.AddScoped<ReadingsStore>();
        services.AddScoped<ReadingsRetention>();
        services.AddScoped<TelemetryIngestion>();
        services.AddSingleton(sp => new IngestionGroupCommit<TelemetryReport>(
            sp.GetRequiredService<IServiceScopeFactory>(),
            static (scope, instanceId, reports, ct) => scope.GetRequiredService<TelemetryIngestion>().IngestAsync(instanceId, reports, ct)));
        services.AddHostedService<ReadingsRetentionService>();
        return services;
    }
}
