using System.Text.Json.Nodes;
using Fieldlink.Core.Actions;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Outcomes;
using Fieldlink.Core.Validation;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;

namespace Fieldlink.Core.Devices;

/// <summary>
/// Pulls devices' current data from their providers, batched per provider instance. Each pull writes a device data
/// history record and, when the system knows the device, updates its connection state, reported properties and
/// last activity. When the connector fails or does not answer, the record says Error and the device is unchanged.
/// </summary>
public sealed class DevicePuller(FieldlinkDbContext db, ActionRouter router, WebhookOutbox outbox, TimeProvider time)
{
    /// <summary>How much of a connector's message is kept with a pull (the column's length).</summary>
    private const int MessageMaxLength = 2000;

    public async Task<IReadOnlyList<DeviceActionResult<DeviceDataHistory>>> PullAsync(IReadOnlyList<Guid> deviceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        var targets = await router.ResolveAsync(deviceIds, cancellationToken);
        var results = new Dictionary<Guid, DeviceActionResult<DeviceDataHistory>>();
        foreach (var group in targets.GroupBy(t => t.Instance.Id))
        {
            var batch = group.ToList();
            var outcome = await router.RunAsync<IPullDeviceData, IReadOnlyList<DeviceData>>(
                ConnectorAction.PullDeviceData, batch[0], (connector, ct) => connector.PullDeviceDataAsync([.. batch.Select(t => t.Device.ToRef())], ct), cancellationToken);
            foreach (var target in batch)
            {
                results[target.Device.Id] = Record(target.Device, outcome);
            }
        }

        // Each outcome's event is saved with its history record, in the one SaveChanges.
        if (await outbox.IsWantedAsync(WebhookEventTypes.DeviceDataPulled, cancellationToken))
        {
            foreach (var target in targets.Where(t => results.GetValueOrDefault(t.Device.Id)?.History is not null))
            {
                await outbox.AddAsync(WebhookEventTypes.DeviceDataPulled, WebhookPayloads.DataPull(target.Device, results[target.Device.Id].History!), cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return [.. deviceIds.Distinct().Select(id => results.GetValueOrDefault(id)
            ?? new DeviceActionResult<DeviceDataHistory>(id, null, ActionRouter.DeviceNotFound(id)))];
    }

    private DeviceActionResult<DeviceDataHistory> Record(Device device, Outcome<IReadOnlyList<DeviceData>> outcome)
    {
        if (outcome.Refusal is { Kind: RefusalKind.InstanceDisabled or RefusalKind.NotSupported } refused)
        {
            return new DeviceActionResult<DeviceDataHistory>(device.Id, null, refused);
        }

        var history = new DeviceDataHistory { DeviceRecordId = device.Id };
        db.DeviceDataHistory.Add(history);
        if (outcome.Refusal is { } error)
        {
            history.Outcome = error.Kind == RefusalKind.TimedOut ? ActionOutcome.TimedOut : ActionOutcome.Failed;
            history.Message = StorableValues.Escape(error.Message, MessageMaxLength);
            return new DeviceActionResult<DeviceDataHistory>(device.Id, history, error);
        }

        history.Outcome = ActionOutcome.Succeeded;
        if (outcome.Value!.FirstOrDefault(d => d.Id == device.Id) is not { } data)
        {
            history.Message = "The connector returned no data for this device.";
            return new DeviceActionResult<DeviceDataHistory>(device.Id, history, null);
        }

        if (StorableValues.JsonProblem(data.ReportedProperties) is { } unstorable)
        {
            // A connector's data the store cannot keep (a NUL in a string, say) fails this pull, not the request.
            history.Outcome = ActionOutcome.Failed;
            history.Message = $"The connector's reported properties cannot be stored: the JSON {unstorable}";
            return new DeviceActionResult<DeviceDataHistory>(device.Id, history, null);
        }

        history.Status = data.Status;
        history.ConnectionState = data.ConnectionState;
        history.ConnectionStateChangedAt = data.ConnectionStateChangedAt?.ToUniversalTime();
        history.ReportedProperties = data.ReportedProperties?.ToJsonString();
        history.LastActivityAt = data.LastActivityAt?.ToUniversalTime();
        history.Message = data.Message is null ? null : StorableValues.Escape(data.Message, MessageMaxLength);
        if (data.Status != DeviceDataStatus.NotFound)
        {
            Apply(device, data);
        }

        return new DeviceActionResult<DeviceDataHistory>(device.Id, history, null);
    }

    private void Apply(Device device, DeviceData data)
    {
        if (data.ConnectionState is { } state && state != device.ConnectionState)
        {
            device.ConnectionState = state;
            device.ConnectionStateChangedAt = data.ConnectionStateChangedAt?.ToUniversalTime() ?? time.GetUtcNow();
        }
        else if (data.ConnectionStateChangedAt is { } changedAt)
        {
            device.ConnectionStateChangedAt = changedAt.ToUniversalTime();
        }

        if (data.ReportedProperties is JsonObject properties)
        {
            device.ReportedProperties = properties.ToJsonString();
        }

        if (data.LastActivityAt is { } lastActivity)
        {
            device.LastActivityAt = lastActivity.ToUniversalTime();
        }
    }
}
