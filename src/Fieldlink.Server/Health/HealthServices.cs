using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fieldlink.Server.Health;

/// <summary>
/// Liveness and readiness (docs/operations.md). <c>/healthz</c> runs the <see cref="HealthTags.Live"/> checks and
/// answers a bare status, as orchestrators expect; <c>/healthz/ready</c> runs the <see cref="HealthTags.Ready"/> ones
/// and answers the JSON of <see cref="HealthResponseWriter"/>: 200 Healthy, 200 Degraded (serving, but something is
/// falling behind), 503 Unhealthy. Neither needs a key: they say nothing a caller could misuse.
/// </summary>
public static class HealthServices
{
    /// <summary>
    /// Adds the checks: the store (live and ready; Unhealthy when it does not answer), the webhook outbox, recent dead
    /// letters and the provider instances' connections (ready; Degraded past <see cref="ReadinessOptions"/>, and
    /// Degraded, not Unhealthy, when they cannot be read, since the store's own check says when the store is the
    /// trouble). Another part of readiness is one more <c>AddCheck</c> with <see cref="HealthTags.Ready"/>.
    /// </summary>
    public static IHealthChecksBuilder AddFieldlinkHealth(this IServiceCollection services)
    {
        services.AddOptions<ReadinessOptions>().BindConfiguration(ReadinessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OperationsGauges>();
        return services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [HealthTags.Live, HealthTags.Ready])
            .AddCheck<WebhookOutboxHealthCheck>("webhookOutbox", HealthStatus.Degraded, [HealthTags.Ready])
            .AddCheck<DeadLettersHealthCheck>("deadLetters", HealthStatus.Degraded, [HealthTags.Ready])
            .AddCheck<ProviderInstancesHealthCheck>("providerInstances", HealthStatus.Degraded, [HealthTags.Ready]);
    }

    public static void MapFieldlinkHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Live) });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
    }
}
