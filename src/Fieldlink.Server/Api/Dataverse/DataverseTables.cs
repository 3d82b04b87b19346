using Fieldlink.Core.Assets;
using Fieldlink.Core.Commands;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Outbound;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Providers;
using Fieldlink.Server.Api.Assets;
using Fieldlink.Server.Api.Commands;
using Fieldlink.Server.Api.Devices;
using Fieldlink.Server.Api.Providers;
using static Fieldlink.Server.Api.Dataverse.DataverseColumns;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// The tables of the Web API and the Fieldlink field each column shows (docs/dataverse.md has the same table for
/// people). Names, types and option-set values are the reference's; columns Fieldlink adds carry the
/// <c>fieldlink_</c> prefix, as a publisher's own columns do in the reference.
/// </summary>
public static class DataverseTables
{
    public static IReadOnlyList<DataverseTable> All { get; } =
    [
        new RegistryTable<Provider, ProviderWrite, ProviderRead>("msdyn_iotproviders", "msdyn_iotprovider", "msdyn_name",
            s => new ProviderResource(s.GetRequiredService<ConnectorRegistry>()))
        {
            TableColumns =
            [
                Text("msdyn_name", "name"),
                Text("fieldlink_connector", "connector"),
                Text("fieldlink_description", "description"),
                Time("createdon", "createdAt"),
                Time("modifiedon", "updatedAt"),
            ],
        },
        new RegistryTable<ProviderInstance, ProviderInstanceWrite, ProviderInstanceRead>("msdyn_iotproviderinstances", "msdyn_iotproviderinstance", "msdyn_name",
            s => new ProviderInstanceResource(s.GetRequiredService<ConnectorRegistry>(), s.GetRequiredService<OutboundGuard>()))
        {
            TableColumns =
            [
                Text("msdyn_name", "name"),
                Text("msdyn_providerinstanceid", "instanceId"),
                Text("msdyn_url", "url"),
                Flag("fieldlink_enabled", "enabled"),
                Time("createdon", "createdAt"),
                Time("modifiedon", "updatedAt"),
            ],
            TableLookups = [new("msdyn_IoTProvider", "msdyn_iotprovider", "msdyn_iotproviders", "providerId")],
        },
        new RegistryTable<Device, DeviceWrite, DeviceRead>("msdyn_iotdevices", "msdyn_iotdevice", "msdyn_name", _ => new DeviceResource())
        {
            TableColumns =
            [
                Text("msdyn_name", "name"),
                Text("msdyn_deviceid", "deviceId"),
                Choice("msdyn_issimulated", "simulated", true, Option(192350000, "Yes", "true"), Option(192350001, "No", "false")),
                Choice("msdyn_registrationstatus", "registrationStatus", true,
                    Option(192350000, "Unknown", "Unknown"), Option(192350001, "Unregistered", "Unregistered"), Option(192350002, "In Progress", "InProgress"),
                    Option(192350003, "Registered", "Registered"), Option(192350004, "Error", "Error")),
                Text("msdyn_registrationmessage", "registrationMessage"),
                TwoOptions("msdyn_connectionstate", "connectionState", false,
                    new DataverseOption(true, "Connected", "Connected"), new DataverseOption(false, "Disconnected", "Disconnected"), new DataverseOption(false, "Disconnected", "Unknown", false)),
                Time("msdyn_lastactivitytime", "lastActivityAt"),
                JsonText("msdyn_devicereportedproperties", "reportedProperties"),
                Text("fieldlink_timezone", "timeZone"),
                Time("createdon", "createdAt"),
                Time("modifiedon", "updatedAt"),
            ],
            TableLookups =
            [
                new("msdyn_IoTProviderInstance", "msdyn_iotproviderinstance", "msdyn_iotproviderinstances", "providerInstanceId"),
                new("msdyn_Category", "msdyn_category", "msdyn_iotdevicecategories", "categoryId"),
                new("msdyn_Account", "msdyn_account", "accounts", "accountId"),
                new("msdyn_CustomerAsset", "msdyn_customerasset", "msdyn_customerassets", "customerAssetId"),
            ],
            EndpointScope = (devices, instance) => devices.Where(d => d.ProviderInstanceId == instance),
        },
        new RegistryTable<DeviceCategory, DeviceCategoryWrite, DeviceCategoryRead>("msdyn_iotdevicecategories", "msdyn_iotdevicecategory", "msdyn_name", _ => new DeviceCategoryResource())
        {
            TableColumns =
            [
                Text("msdyn_name", "name"),
                Text("fieldlink_description", "description"),
                Time("createdon", "createdAt"),
                Time("modifiedon", "updatedAt"),
            ],
        },
        new RegistryTable<CustomerAsset, CustomerAssetWrite, CustomerAssetRead>("msdyn_customerassets", "msdyn_customerasset", "msdyn_name", _ => new CustomerAssetResource())
        {
            TableColumns =
            [
                Text("msdyn_name", "name"),
                Text("fieldlink_serialnumber", "serialNumber"),
                Text("fieldlink_location", "location"),
                Whole("msdyn_parentalertcount", "activeAlertCount"),
                Time("msdyn_lastalerttime", "lastAlertAt"),
                Time("createdon", "createdAt"),
                Time("modifiedon", "updatedAt"),
            ],
            TableLookups = [new("msdyn_Account", "msdyn_account", "accounts", "accountId")],
        },
        new RegistryTable<Account, AccountWrite, AccountRead>("accounts", "account", "name", _ => new AccountResource())
        {
            TableColumns =
            [
                Text("name", "name"),
                Text("accountnumber", "accountNumber"),
                Text("emailaddress1", "email"),
                Text("telephone1", "phone"),
                Text("address1_composite", "address"),
                Time("createdon", "createdAt"),
                Time("modifiedon", "updatedAt"),
            ],
        },
        new AlertTable(),
        new CaseTable(),
        new WorkOrderTable(),
        new ReadOnlyTable<Command, CommandRead>("msdyn_iotdevicecommands", "msdyn_iotdevicecommand", "msdyn_name", c => CommandResource.For(c.User))
        {
            TableColumns =
            [
                Text("msdyn_name", "name", writable: false),
                JsonText("msdyn_message", "parameters"),
                Choice("msdyn_commandstatus", "status", false,
                    Option(192350000, "In Progress", "Queued"), Option(192350001, "Sent", "Sent"), Option(192350001, "Sent", "Delivered", false),
                    Option(192350001, "Sent", "Succeeded", false), Option(192350002, "Error", "Failed"), Option(192350002, "Error", "TimedOut", false),
                    Option(192350002, "Error", "Expired", false), Option(192350002, "Error", "Canceled", false)),
                Text("fieldlink_error", "error", writable: false),
                Time("createdon", "queuedAt", property: "CreatedAt"),
                Time("modifiedon", "updatedAt"),
            ],
            TableLookups =
            [
                new("msdyn_Device", "msdyn_device", "msdyn_iotdevices", "deviceRecordId", Writable: false),
                new("msdyn_CustomerAsset", "msdyn_customerasset", "msdyn_customerassets", "customerAssetId", Writable: false),
                new("msdyn_ParentAlert", "msdyn_parentalert", "msdyn_iotalerts", "alertId", Writable: false),
            ],
        },
    ];

    /// <summary>The table of an entity set, or null.</summary>
    public static DataverseTable? Find(string entitySet) =>
        All.FirstOrDefault(t => string.Equals(t.EntitySet, entitySet, StringComparison.Ordinal));
}
