using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Core.Outbound;

/// <summary>Registers the outbound guard and its HTTP handlers, used by webhooks and every connector.</summary>
public static class OutboundServices
{
    /// <summary>The configuration key kept as an alias of <c>Outbound:AllowedHosts</c>, from when only webhooks were guarded.</summary>
    public const string WebhooksAllowedHostsAlias = "Webhooks:AllowedHosts";

    /// <summary>Adds <see cref="OutboundGuard"/> and <see cref="OutboundHttp"/>, with <see cref="OutboundOptions"/> from the <c>Outbound</c> section.</summary>
    public static IServiceCollection AddOutbound(this IServiceCollection services)
    {
        services.AddOptions<OutboundOptions>().BindConfiguration("Outbound")
            .Configure<IConfiguration>((options, configuration) =>
            {
                foreach (var host in configuration.GetSection(WebhooksAllowedHostsAlias).GetChildren().Select(c => c.Value).OfType<string>())
                {
                    options.AllowedHosts.Add(host);
                }
            });
        services.AddSingleton<OutboundGuard>();
        services.AddSingleton<OutboundHttp>();
        return services;
    }
}
