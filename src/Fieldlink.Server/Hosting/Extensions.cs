using Fieldlink.Core;
using Fieldlink.Server.Api;
using Fieldlink.Server.Api.Json;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;

namespace Fieldlink.Server.Hosting;

/// <summary>Registers Fieldlink's services and maps its endpoints: the one place that says what the server is made of.</summary>
public static class Extensions
{
    public static void AddFieldlinkServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddFieldlinkStorage();

        // Hosted services start in this order, each StartAsync finishing before the next: the store is migrated and
        // the demo seeded, then plugins are loaded and the embedded broker listens, and only then do the workers
        // start, so the connectors' first pass opens every instance there is.
        services.AddHostedService<StoreInitializerService>();
        services.AddScoped<DemoSeeder>();
        services.AddBuiltInConnectors();
        services.AddFieldlinkCore();

        services.AddOptions<ApiOptions>().BindConfiguration("Api").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<ApiOptions>>((kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);

        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailTexts.Explain);
        services.AddExceptionHandler<ApiExceptionHandler>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(AuthPolicies.Add);

        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityTransformer>().AddSchemaTransformer<StorableSchemaTransformer>());
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter("Fieldlink")
            .AddPrometheusExporter());
    }

    public static void MapFieldlink(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Answers are JSON written without HTML escapes (a '<' is itself): a browser must never read one as a page.
        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/healthz");
        app.MapOpenApi();
        app.MapScalarApiReference("/api-reference", options => options.WithTitle("Fieldlink API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapPrometheusScrapingEndpoint("/metrics");

        var api = app.MapGroup("/api/v1").RequireAuthorization(AuthPolicies.Read).CheckRequestText();
        api.MapProvidersApi();
        api.MapProviderInstancesApi();
        api.MapDevicesApi();
        api.MapDeviceCategoriesApi();
        api.MapAccountsApi();
        api.MapCustomerAssetsApi();
        api.MapSettingsApi();
        api.MapApiKeysApi();
        api.MapConnectorsApi();
        api.MapDeviceActionsApi();
        api.MapReadingsApi();
        api.MapCommandsApi();
        api.MapAlertsApi();
        api.MapCasesApi();
        api.MapWorkOrdersApi();
        api.MapWebhooksApi();
        api.MapDeadLettersApi();

        // Ingestion is for Endpoint keys too, which may read nothing: its own group, so the read policy does not apply.
        app.MapGroup("/api/v1").RequireAuthorization(AuthPolicies.Ingest).CheckRequestText().MapIngestionApi();

        // The http connector's vendors sign what they push instead of holding a key.
        app.MapHttpIngestApi();
    }
}
