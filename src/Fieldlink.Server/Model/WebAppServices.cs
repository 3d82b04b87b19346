using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Server.Model;

/// <summary>Registers the web app's view models and per-circuit state (the pages are in <c>Components/</c>).</summary>
public static class WebAppServices
{
    /// <summary>
    /// Adds the lists and actions the pages call (one per process: each call opens its own store scope, as a circuit
    /// outlives a DbContext) and what belongs to one circuit (its browser's time zone, its person's access).
    /// </summary>
    public static IServiceCollection AddWebApp(this IServiceCollection services)
    {
        services.AddSingleton<AlertList>();
        services.AddSingleton<AccountList>();
        services.AddSingleton<AssetList>();
        services.AddSingleton<CaseList>();
        services.AddSingleton<WorkOrderList>();
        services.AddSingleton<RecordDetails>();
        services.AddSingleton<CaseActions>();
        services.AddSingleton<WorkOrderActions>();
        services.AddSingleton<DeviceList>();
        services.AddSingleton<DeviceActions>();
        services.AddSingleton<DeviceDetails>();
        services.AddSingleton<DeviceHistory>();
        services.AddSingleton<ReadingsChart>();
        services.AddSingleton<AlertDetails>();
        services.AddSingleton<AlertActions>();
        services.AddSingleton<RecordNames>();
        services.AddSingleton<CommandSending>();
        services.AddSingleton<DeviceTiles>();
        services.AddSingleton<LiveWatches>();
        services.AddScoped<BrowserTimeZone>();
        services.AddScoped<PersonProfile>();
        services.AddScoped<PersonAccess>();
        services.AddSingleton<WebAppWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<WebAppWarmUp>());
        services.AddSingleton<ProviderAdmin>();
        services.AddSingleton<ProviderActions>();
        services.AddSingleton<InstanceActions>();
        services.AddSingleton<WebhookList>();
        services.AddSingleton<WebhookActions>();
        services.AddSingleton<DeadLetterList>();
        services.AddSingleton<ApiKeyActions>();
        services.AddSingleton<PeopleActions>();
        services.AddSingleton<CategoryList>();
        services.AddSingleton<CategoryEditing>();
        services.AddSingleton<SettingsEditing>();
        return services;
    }
}
