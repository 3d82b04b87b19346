using Microsoft.AspNetCore.Http.Features;

namespace Fieldlink.Server.Hosting;

/// <summary>
/// Middleware added and made by the first request that reaches it instead of when the server starts. Why: ASP.NET
/// Core's authorization middleware, made at start, builds its policy cache over every endpoint there is, and so builds
/// the web app's endpoints (its pages found by reflection over the whole assembly, Blazor's hub); the antiforgery
/// middleware's check that it is registered makes the antiforgery services, whose cookie name is a SHA-256 hash
/// (OpenSSL loaded) and whose tokens need the data protection key manager (the XML stack). A process that only answers
/// <c>/healthz</c> needs none of it: about 6 MB and 800 compiled methods less (docs/configuration.md, "Memory and
/// garbage collection"). Routing already makes its table on first use.
/// </summary>
/// <remarks>
/// The middleware keeps its place in the pipeline; only adding and making it waits. Concurrent first requests wait for
/// one making; if making it throws, every request that reaches it gets that exception. The host adds authorization and
/// antiforgery middleware of its own, first in the pipeline, unless the application is marked as having them, which
/// <c>UseAuthorization()</c> and <c>UseAntiforgery()</c> do when called: a later call is too late for that, so the
/// caller names the marks (<see cref="AuthorizationMark"/>, <see cref="AntiforgeryMark"/>) to set now.
/// </remarks>
public static class FirstRequestMiddleware
{
    /// <summary>The application property <c>UseAuthorization()</c> sets, which keeps the host from adding its own.</summary>
    public const string AuthorizationMark = "__AuthorizationMiddlewareSet";

    /// <summary>The application property <c>UseAntiforgery()</c> sets, which keeps the host from adding its own.</summary>
    public const string AntiforgeryMark = "__AntiforgeryMiddlewareSet";

    /// <summary>
    /// Adds the middleware <paramref name="configure"/> adds, called by the first request that reaches this point, and
    /// sets <paramref name="marks"/> on <paramref name="app"/> now.
    /// </summary>
    public static IApplicationBuilder UseOnFirstRequest(this IApplicationBuilder app, Action<IApplicationBuilder> configure, params string[] marks)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(marks);
        foreach (var mark in marks)
        {
            app.Properties[mark] = true;
        }

        return app.Use(next =>
        {
            var made = new Lazy<RequestDelegate>(
                () =>
                {
                    var deferred = new DeferredBuilder(app);
                    configure(deferred);
                    return deferred.Build(next);
                },
                LazyThreadSafetyMode.ExecutionAndPublication);
            return context => made.Value(context);
        });
    }

    /// <summary>Collects the middleware added to it, with the application's services and properties.</summary>
    private sealed class DeferredBuilder(IApplicationBuilder app) : IApplicationBuilder
    {
        private readonly List<Func<RequestDelegate, RequestDelegate>> _components = [];

        public IServiceProvider ApplicationServices
        {
            get => app.ApplicationServices;
            set => app.ApplicationServices = value;
        }

        public IFeatureCollection ServerFeatures => app.ServerFeatures;

        public IDictionary<string, object?> Properties => app.Properties;

        public IApplicationBuilder Use(Func<RequestDelegate, RequestDelegate> middleware)
        {
            _components.Add(middleware);
            return this;
        }

        public IApplicationBuilder New() => app.New();

        public RequestDelegate Build() => throw new NotSupportedException("A deferred part of the pipeline is built with what follows it.");

        public RequestDelegate Build(RequestDelegate next)
        {
            for (var i = _components.Count - 1; i >= 0; i--)
            {
                next = _components[i](next);
            }

            return next;
        }
    }
}
