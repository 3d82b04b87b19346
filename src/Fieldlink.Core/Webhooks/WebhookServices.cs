using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fieldlink.Core.Webhooks;

/// <summary>Registers outgoing webhooks: the outbox, the subscription cache, and the dispatcher (the guarded HTTP client is <see cref="Outbound.OutboundServices.AddOutbound"/>'s).</summary>
public static class WebhookServices
{
    /// <summary>Adds webhooks, with <see cref="WebhookOptions"/> from the <c>Webhooks</c> configuration section.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<WebhookOptions>().BindConfiguration("Webhooks").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookSubscriptionCache>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookSender>();
        services.AddScoped<WebhookOutbox>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
