using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Outcomes;
using Fieldlink.Server.Api.Alerts;
using Fieldlink.Server.Api.Json;
using Fieldlink.Server.Api.Problems;
using Microsoft.EntityFrameworkCore;
using static Fieldlink.Server.Api.Dataverse.DataverseColumns;

namespace Fieldlink.Server.Api.Dataverse;

/// <summary>
/// <c>msdyn_iotalerts</c>: the unified alert list. A create is an alert ingested by <see cref="AlertIngestion"/>,
/// exactly as <c>POST /api/v1/ingest/alerts</c> (grouped, de-duplicated by token, a webhook event); an update moves
/// its status through <see cref="AlertLifecycle"/>, as <c>PATCH /api/v1/alerts/{id}</c> does.
/// </summary>
public sealed class AlertTable : DataverseTable<Alert>
{
    private static readonly AlertResource Resource = new();

    public override string EntitySet => "msdyn_iotalerts";

    public override string LogicalName => "msdyn_iotalert";

    public override string PrimaryNameColumn => "msdyn_description";

    public override IReadOnlyList<DataverseColumn> Columns { get; } =
    [
        Text("msdyn_description", "description"),
        Choice("msdyn_alerttype", "alertType", true, AlertTypes),
        Time("msdyn_alerttime", "alertTime", writable: true),
        JsonText("msdyn_alertdata", "data", writable: true),
        Text("msdyn_alerttoken", "token"),
        Text("msdyn_alerturl", "url"),
        Text("msdyn_deviceid", "deviceId"),
        Choice("statecode", "status", true, Option(0, "Active", "Active"), Option(0, "Active", "InProgress", false), Option(1, "Inactive", "Closed")),
        Choice("statuscode", "status", true, Option(1, "Active", "Active"), Option(192350000, "In Progress", "InProgress"), Option(2, "Closed", "Closed")),
        Whole("fieldlink_childcount", "childCount"),
        Time("fieldlink_lastoccurrence", "lastOccurrenceAt"),
        Time("createdon", "createdAt"),
        Time("modifiedon", "updatedAt"),
    ];

    public override IReadOnlyList<DataverseLookup> Lookups { get; } =
    [
        new("msdyn_Device", "msdyn_device", "msdyn_iotdevices", "deviceRecordId"),
        new("msdyn_CustomerAsset", "msdyn_customerasset", "msdyn_customerassets", "customerAssetId", Writable: false),
        new("msdyn_ParentAlert", "msdyn_parentalert", "msdyn_iotalerts", "parentAlertId", Writable: false),
        new("msdyn_Case", "msdyn_case", "incidents", "caseId", Writable: false),
        new("fieldlink_ProviderInstance", "fieldlink_providerinstance", "msdyn_iotproviderinstances", "providerInstanceId", Writable: false),
    ];

    /// <summary>As ingestion: Administrators, and Endpoint keys for their own instance's devices.</summary>
    public override IReadOnlyList<ApiKeyRole> Creators => [ApiKeyRole.Administrator, ApiKeyRole.Endpoint];

    public override IReadOnlyList<ApiKeyRole> Updaters => Dispatchers;

    public override bool MayRead(DataverseContext context) => base.MayRead(context) || context.EndpointInstance is not null;

    protected override IQueryable<Alert> Visible(DataverseContext context, IQueryable<Alert> source) =>
        !base.MayRead(context) && context.EndpointInstance is { } instance ? source.Where(a => a.ProviderInstanceId == instance) : source;

    protected override object ToRead(Alert entity, DataverseContext context) => Resource.ToRead(entity);

    protected override IOrderedQueryable<Alert> DefaultOrder(IQueryable<Alert> source, DataverseContext context) => Resource.DefaultOrder(source);

    public override async Task<DataverseWrite> CreateAsync(DataverseContext context, Guid? id, JsonObject fields)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(fields);
        if (id is not null)
        {
            return DataverseWrite.Failed(DataverseAnswer.Invalid("Fieldlink chooses an alert's id: create alerts with POST /msdyn_iotalerts, not by an upsert to an id."));
        }

        var status = fields["status"];
        fields.Remove("status");
        var deviceRecordId = fields["deviceRecordId"]?.GetValue<Guid>();
        fields.Remove("deviceRecordId");
        AlertItem item;
        try
        {
            item = fields.Deserialize<AlertItem>(ApiJson.Options)!;
        }
        catch (JsonException ex)
        {
            return DataverseWrite.Failed(DataverseFailures.FromFields(this, JsonErrors.From(ex)));
        }

        var (instance, deviceId, refused) = await InstanceAsync(context, deviceRecordId, item.DeviceId);
        if (refused is not null)
        {
            return DataverseWrite.Failed(refused);
        }

        var ingestion = context.Services.GetRequiredService<AlertIngestion>();
        var outcome = (await ingestion.IngestAsync(instance, [(item with { DeviceId = deviceId }).ToReport()], context.Cancellation))[0];
        if (outcome.Status == IngestionStatus.Invalid)
        {
            return DataverseWrite.Failed(DataverseFailures.FromFields(this, outcome.Errors!));
        }

        // A repeat of a token answers with the alert already stored for it, so a retried create is harmless.
        var alert = await context.Db.Alerts.FirstAsync(a => a.Id == outcome.RecordId, context.Cancellation);
        if (status is not null && outcome.Status == IngestionStatus.Created)
        {
            return await UpdateAsync(context, alert, new JsonObject { ["status"] = status.DeepClone() });
        }

        return DataverseWrite.Done(alert);
    }

    public override async Task<DataverseWrite> UpdateAsync(DataverseContext context, Entity entity, JsonObject fields)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Select(f => f.Key).FirstOrDefault(k => k != "status") is { } other)
        {
            return DataverseWrite.Failed(DataverseAnswer.Invalid($"{ColumnOf(other)} cannot be changed once an alert is stored; an update sets statecode or statuscode."));
        }

        var alert = (Alert)entity;
        if (context.InChangeSet)
        {
            return DataverseWrite.Failed(DataverseAnswer.NotSupported("An alert's status changes with its whole group in a transaction of its own: send the update outside a change set."));
        }

        if (fields["status"] is { } status)
        {
            var lifecycle = context.Services.GetRequiredService<AlertLifecycle>();
            if (await lifecycle.ChangeAsync(alert, Enum.Parse<AlertStatus>(status.GetValue<string>()), null, context.Cancellation) is { } refusal)
            {
                return DataverseWrite.Failed(DataverseFailures.FromProblem(this, RefusalProblems.From(refusal)));
            }
        }

        return DataverseWrite.Done(await context.Db.Alerts.AsNoTracking().FirstAsync(a => a.Id == alert.Id, context.Cancellation));
    }

    /// <summary>
    /// The provider instance the alert belongs to, from its device (the Web API's way) or else from its
    /// <c>msdyn_deviceid</c>: an Endpoint key's own instance, or the one instance that knows that device id.
    /// </summary>
    private static async Task<(Guid Instance, string DeviceId, DataverseAnswer? Refused)> InstanceAsync(DataverseContext context, Guid? deviceRecordId, string? deviceId)
    {
        var endpoint = context.EndpointInstance;
        if (deviceRecordId is { } recordId)
        {
            var device = await context.Db.Devices.AsNoTracking().Where(d => d.Id == recordId).Select(d => new { d.ProviderInstanceId, d.DeviceId }).FirstOrDefaultAsync(context.Cancellation);
            if (device is null)
            {
                return (default, "", DataverseAnswer.Invalid($"msdyn_Device: there is no msdyn_iotdevice with id {recordId}."));
            }

            if (endpoint is { } bound && bound != device.ProviderInstanceId)
            {
                return (default, "", DataverseAnswer.Forbidden($"This Endpoint key is bound to provider instance {bound}; the device {recordId} belongs to another."));
            }

            if (!string.IsNullOrWhiteSpace(deviceId) && !string.Equals(deviceId.Trim(), device.DeviceId, StringComparison.Ordinal))
            {
                return (default, "", DataverseAnswer.Invalid($"msdyn_deviceid: '{deviceId}' is not the device id of the bound msdyn_Device ('{device.DeviceId}')."));
            }

            return (device.ProviderInstanceId, device.DeviceId, null);
        }

        if (string.IsNullOrWhiteSpace(deviceId))
        {
            return (default, "", DataverseAnswer.Invalid("msdyn_Device: an alert names its device, with \"msdyn_Device@odata.bind\": \"/msdyn_iotdevices(<id>)\" or msdyn_deviceid."));
        }

        if (endpoint is { } instance)
        {
            return (instance, deviceId, null);
        }

        var trimmed = deviceId.Trim();
        var instances = await context.Db.Devices.AsNoTracking().Where(d => d.DeviceId == trimmed).Select(d => d.ProviderInstanceId).Take(2).ToListAsync(context.Cancellation);
        return instances.Count == 1
            ? (instances[0], trimmed, null)
            : (default, "", DataverseAnswer.Invalid($"msdyn_deviceid: '{trimmed}' is known in {(instances.Count == 0 ? "no" : "more than one")} provider instance; bind the device with \"msdyn_Device@odata.bind\" instead."));
    }
}
