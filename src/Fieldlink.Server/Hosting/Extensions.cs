using System.Reflection;
using Fieldlink.Core;
using Fieldlink.Core.Live;
using Fieldlink.Server.Api;
using Fieldlink.Server.Api.Actions;
using Fieldlink.Server.Api.Alerts;
using Fieldlink.Server.Api.Assets;
using Fieldlink.Server.Api.Cases;
using Fieldlink.Server.Api.Commands;
using Fieldlink.Server.Api.Connectors;
using Fieldlink.Server.Api.Dataverse;
using Fieldlink.Server.Api.DeadLetters;
using Fieldlink.Server.Api.Devices;
using Fieldlink.Server.Api.Json;
using Fieldlink.Server.Api.Keys;
using Fieldlink.Server.Api.OData;
using Fieldlink.Server.Api.Problems;
using Fieldlink.Server.Api.Providers;
using Fieldlink.Server.Api.Readings;
using Fieldlink.Server.Api.Settings;
using Fieldlink.Server.Api.Webhooks;
using Fieldlink.Server.Api.WorkOrders;
using Fieldlink.Server.Auth;
using Fieldlink.Server.Components;
using Fieldlink.Server.Health;
using Fieldlink.Server.Model;
using Fieldlink.Storage.Postgres;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Scalar.AspNetCore;

namespace Fieldlink.Server.Hosting;

/// <summary>
/// The table of contents of the server, the one place that says what it is made of: <see cref="AddFieldlinkServices"/>
/// registers the store, each Core feature with its workers, and the API's plumbing (JSON, problems, auth, OpenAPI);
/// <see cref="MapFieldlink"/> maps each feature's endpoints, <c>Map&lt;Feature&gt;Api()</c>, whose route table is
/// <c>Api/&lt;Feature&gt;/&lt;Feature&gt;Api.cs</c>.
/// </summary>
public static class Extensions
{
    public static void AddFieldlinkServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddFieldlinkStorage();

        // Hosted services start in this order, each StartAsync finishing before the next: plugins are loaded and the
        // embedded broker listens while the store is brought up (begun as soon as the services exist, StoreStartup);
        // the store is migrated and the demo seeded before anything that reads it starts (the fleet's claim of this
        // node), and the workers' first passes wait until the server listens, so the connectors' first pass opens
        // every instance there is.
        services.AddSingleton<StoreStartup>();
        services.AddScoped<DemoSeeder>();
        services.AddBuiltInConnectors();
        services.AddHostedService<StoreInitializerService>();
        services.AddFieldlinkCore();

        // The start's garbage collected and the heap given back once the start has settled (docs/configuration.md, "Memory and garbage collection").
        services.AddSingleton<StartGarbageRelease>();
        services.AddHostedService(sp => sp.GetRequiredService<StartGarbageRelease>());

        // On PostgreSQL, the pages of this process hear of the changes other processes commit (docs/architecture.md, "Live pages").
        services.AddSingleton(sp => new PostgresChangeListener(
            sp.GetRequiredService<StorageTarget>() is { IsPostgres: true } target ? target.ConnectionString : null,
            sp.GetRequiredService<LiveChanges>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PostgresChangeListener>>()));
        services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeListener>());

        services.AddOptions<ApiOptions>().BindConfiguration("Api").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<ApiOptions>>((kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);

        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailTexts.Explain);
        services.AddExceptionHandler<ApiExceptionHandler>();

        services.AddFieldlinkAuthentication();

        // The web app (Components/, its view models in Model/): interactive server rendering with MudBlazor. The
        // packages' static files (_content/...) are found from the build output as from a published app.
        builder.WebHost.UseStaticWebAssets();
        services.AddRazorComponents().AddInteractiveServerComponents();
        // After the line above, whose own provider it replaces: a live page checks its person as a request does.
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        services.AddMudServices();
        services.AddWebApp();

        services.AddOpenApi(options => options
            .AddDocumentTransformer<BearerSecurityTransformer>()
            .AddSchemaTransformer<StorableSchemaTransformer>()
            .AddSchemaTransformer<EnumSchemaTransformer>()
            .AddSchemaTransformer<ProblemSchemaTransformer>()
            .AddSchemaTransformer<OptionalMembersSchemaTransformer>()
            .AddSchemaTransformer<ODataSchemaTransformer>()
            .AddOperationTransformer<CollectionQueryTransformer>()
            .AddOperationTransformer<ProblemResponsesTransformer>());
        services.AddFieldlinkHealth();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("fieldlink", serviceVersion: ServiceVersion))
            .WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter("Fieldlink")
            .AddPrometheusExporter());

        // Last, as Identity, antiforgery and Blazor each add data protection again, with its hosted service.
        services.LoadKeyRingOnFirstUse();
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
        // A browser asking for a page that does not exist gets the app's 404 page; the API keeps its problem details
        // (the re-execution is switched off for its requests, so the problem-details pages above answer them).
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (!IsPageRequest(context) && context.Features.Get<IStatusCodePagesFeature>() is { } notFoundPage)
            {
                notFoundPage.Enabled = false;
            }

            return next(context);
        });
        // The first page a browser asks for (the sign-in page, usually) starts loading the web app's lists in the
        // background, while the person signs in; the API's and the devices' requests never do.
        var warmUp = app.Services.GetRequiredService<WebAppWarmUp>();
        app.Use((context, next) =>
        {
            if (!warmUp.Requested && IsPageRequest(context))
            {
                warmUp.PageRequested();
            }

            return next(context);
        });
        app.UseFieldlinkHealth();
        // OData keys in parentheses are rewritten to the key as a segment, so routing comes after (explicitly, not first).
        app.UseODataConventions();
        app.UseRouting();
        app.UseAuthentication();
        // Added by the first request that reaches them, as routing's table is made: made at start, authorization's policy
        // cache builds every endpoint, the web app's too, and antiforgery loads OpenSSL and the key manager, before the
        // first probe, which needs none of it (Hosting/FirstRequestMiddleware).
        app.UseOnFirstRequest(
            deferred => deferred.UseAuthorization().UseAntiforgery(),
            FirstRequestMiddleware.AuthorizationMark,
            FirstRequestMiddleware.AntiforgeryMark);

        app.MapOpenApi();
        app.MapScalarApiReference("/api-reference", options => options.WithTitle("Fieldlink API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapPrometheusScrapingEndpoint("/metrics");

        // The API, feature by feature: every key reads; the writes name the policy they need.
        var api = app.MapGroup("/api/v1").RequireAuthorization(ApiKeyPolicy(AuthPolicies.Read)).CheckRequestText()
            .AddEndpointFilter<ODataEntityContext>();
        api.MapODataServiceApi();
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
        var ingest = app.MapGroup("/api/v1/ingest").RequireAuthorization(ApiKeyPolicy(AuthPolicies.Ingest)).CheckRequestText().WithTags("ingestion");
        ingest.MapAlertIngestionApi();
        ingest.MapTelemetryIngestionApi();
        ingest.MapDeviceStateIngestionApi();

        // The reference's Dataverse Web API over the same services, for integrations written for it.
        app.MapDataverseApi();

        // The http connector's vendors sign what they push instead of holding a key.
        app.MapHttpConnectorEndpoints();

        // Event Grid delivers an Azure IoT hub's events with the instance's secret in the URL instead of a key.
        app.MapEventGridEndpoints();

        // The web app at /: its static files, then its pages (Components/Pages). Every page needs a signed-in person by
        // Identity's cookie; the sign-in page says otherwise.
        app.MapAccountEndpoints();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization(AuthPolicies.Read);
    }

    /// <summary>The version /metrics names the service with (<c>service_version</c>): the build's informational version, without its commit hash.</summary>
    private static string? ServiceVersion =>
        typeof(Extensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];

    /// <summary>
    /// A policy that authenticates the API key only: a signed-in person's cookie is not read on the API, and a request
    /// without a key is challenged by the key's scheme (401 problem details), never redirected to the sign-in page.
    /// The policies an endpoint adds (Dispatch, Administer) are combined with it and keep this scheme.
    /// </summary>
    private static AuthorizeAttribute ApiKeyPolicy(string policy) => new(policy) { AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName };

    /// <summary>A browser's request for a page: it takes HTML and is for none of the API's or the operators' paths.</summary>
    private static bool IsPageRequest(HttpContext context) =>
        context.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true)
        && !context.Request.Path.StartsWithSegments("/api")
        && !context.Request.Path.StartsWithSegments("/openapi")
        && !context.Request.Path.StartsWithSegments("/healthz")
        && !context.Request.Path.StartsWithSegments("/metrics");
}
