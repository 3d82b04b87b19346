using Fieldlink.Core.Connectors;
using Fieldlink.Core.Outbound;
using Fieldlink.Server.Api.Alerts;
using Fieldlink.Server.Api.Assets;
using Fieldlink.Server.Api.Cases;
using Fieldlink.Server.Api.Devices;
using Fieldlink.Server.Api.Providers;

namespace Fieldlink.Server.Api.OData;

/// <summary>The collections <see cref="ODataModel.Navigations"/> lead to, answered by each one's own resource.</summary>
public static class ExpandableSets
{
    public static ExpandableSet For(string collection, IServiceProvider services) => collection switch
    {
        "providers" => new ExpandableSet<Core.Providers.Provider, ProviderRead>(new ProviderResource(services.GetRequiredService<ConnectorRegistry>())),
        "providerInstances" => new ExpandableSet<Core.Providers.ProviderInstance, ProviderInstanceRead>(
            new ProviderInstanceResource(services.GetRequiredService<ConnectorRegistry>(), services.GetRequiredService<OutboundGuard>())),
        "devices" => new ExpandableSet<Core.Devices.Device, DeviceRead>(new DeviceResource()),
        "deviceCategories" => new ExpandableSet<Core.Devices.DeviceCategory, DeviceCategoryRead>(new DeviceCategoryResource()),
        "customerAssets" => new ExpandableSet<Core.Assets.CustomerAsset, CustomerAssetRead>(new CustomerAssetResource()),
        "accounts" => new ExpandableSet<Core.Assets.Account, AccountRead>(new AccountResource()),
        "alerts" => new ExpandableSet<Core.Alerts.Alert, AlertRead>(new AlertResource()),
        "cases" => new ExpandableSet<Core.Cases.Case, CaseRead>(new CaseResource()),
        _ => throw new InvalidOperationException($"No navigation leads to '{collection}'."),
    };
}
