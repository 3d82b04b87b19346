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

    /// <summary>
    /// Answers <c>/healthz</c> and <c>/healthz/ready</c> as middleware ahead of routing, not as endpoints: routing
    /// builds its table of every endpoint (each API handler's request delegate and the JSON metadata of its types,
    /// some 1,000 methods to compile) at the first request that reaches it, and neither a start's first probe nor an
    /// orchestrator's probes of an otherwise idle process need it. The answers are the same; the first API request or
    /// page builds the table instead.
    /// </summary>
    public static void UseFieldlinkHealth(this IApplicationBuilder app)
    {
        app.UseHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Live) });
        app.UseHealthChecks("/healthz/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
    }
}
