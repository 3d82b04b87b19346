using Fieldlink.Core.Actions;
using Fieldlink.Core.Connectors;
using Fieldlink.Core.Data;
using Fieldlink.Core.Outcomes;
using Fieldlink.Core.Validation;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Devices;

/// <summary>
/// Registers devices with their providers, batched per provider instance. Every device the connector answered for
/// gets a registration history record and its new status; when the connector fails or does not answer, each device
/// gets a record saying Error with the reason, and nothing else changes.
/// </summary>
public sealed class DeviceRegistrar(FieldlinkDbContext db, ActionRouter router, WebhookOutbox outbox)
{
    public async Task<IReadOnlyList<DeviceActionResult<RegistrationHistory>>> RegisterAsync(IReadOnlyList<Guid> deviceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        var targets = await router.ResolveAsync(deviceIds, cancellationToken);
        var results = new Dictionary<Guid, DeviceActionResult<RegistrationHistory>>();
        foreach (var group in targets.GroupBy(t => t.Instance.Id))
        {
            var batch = group.ToList();
            var outcome = await router.RunAsync<IRegisterDevices, IReadOnlyList<RegistrationResult>>(
                ConnectorAction.RegisterDevices, batch[0], (connector, ct) => connector.RegisterDevicesAsync([.. batch.Select(t => t.Device.ToRef())], ct), cancellationToken);
            foreach (var target in batch)
            {
                results[target.Device.Id] = Record(target, outcome);
            }
        }

        // Each outcome's event is saved with its history record, in the one SaveChanges.
        if (await outbox.IsWantedAsync(WebhookEventTypes.DeviceRegistered, cancellationToken))
        {
            foreach (var target in targets.Where(t => results.GetValueOrDefault(t.Device.Id)?.History is not null))
            {
                await outbox.AddAsync(WebhookEventTypes.DeviceRegistered, WebhookPayloads.Registration(target.Device, results[target.Device.Id].History!), cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return [.. deviceIds.Distinct().Select(id => results.GetValueOrDefault(id)
            ?? new DeviceActionResult<RegistrationHistory>(id, null, ActionRouter.DeviceNotFound(id)))];
    }

    private DeviceActionResult<RegistrationHistory> Record(ActionTarget target, Outcome<IReadOnlyList<RegistrationResult>> outcome)
    {
        var device = target.Device;
        if (outcome.Refusal is { Kind: RefusalKind.InstanceDisabled or RefusalKind.NotSupported } refused)
        {
            // Nothing reached the provider: there is nothing to record.
            return new DeviceActionResult<RegistrationHistory>(device.Id, null, refused);
        }

        var history = new RegistrationHistory { DeviceRecordId = device.Id };
        db.RegistrationHistory.Add(history);
        if (outcome.Refusal is { } error)
        {
            history.Status = RegistrationStatus.Error;
            history.Outcome = error.Kind == RefusalKind.TimedOut ? ActionOutcome.TimedOut : ActionOutcome.Failed;
            history.Message = Truncate(error.Message);
            return new DeviceActionResult<RegistrationHistory>(device.Id, history, error);
        }

        var result = outcome.Value!.FirstOrDefault(r => r.Id == device.Id);
        history.Outcome = ActionOutcome.Succeeded;
        history.Status = result?.Status ?? RegistrationStatus.Error;
        history.ProviderDeviceId = result?.ProviderDeviceId;
        history.Message = Truncate(result is null ? "The connector returned no result for this device." : result.Message);
        device.RegistrationStatus = history.Status;
        device.RegistrationMessage = history.Message;
        return new DeviceActionResult<RegistrationHistory>(device.Id, history, null);
    }

    /// <summary>A connector's words, bounded and storable (a NUL or an unpaired surrogate escaped).</summary>
    private static string? Truncate(string? message) => message is null ? null : StorableValues.Escape(message, 2000);
}
