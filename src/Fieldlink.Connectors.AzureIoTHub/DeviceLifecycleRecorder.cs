using Fieldlink.Connectors.AzureIoTHub.EventGrid;
using Fieldlink.Core.Actions;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Connectors.AzureIoTHub;

/// <summary>
/// Records identities the hub reports created or deleted, whichever way the report came (Event Grid's
/// <c>DeviceCreated</c>/<c>DeviceDeleted</c>, or routed <c>deviceLifecycleEvents</c> on the Event Hubs-compatible
/// endpoint): the registration status of the instance's device, with a history record, when it changes it (the hub also
/// reports the identities Fieldlink registered itself). Unknown devices are left alone.
/// </summary>
public static class DeviceLifecycleRecorder
{
    /// <summary>Records the changes in <paramref name="db"/>; returns how many changed a device.</summary>
    public static async Task<int> RecordAsync(Guid providerInstanceId, IReadOnlyList<DeviceLifecycleChange> changes, FieldlinkDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(db);
        if (changes.Count == 0)
        {
            return 0;
        }

        var ids = changes.Select(c => c.DeviceId).Distinct().ToList();
        var devices = await db.Devices.Where(d => d.ProviderInstanceId == providerInstanceId && ids.Contains(d.DeviceId)).ToDictionaryAsync(d => d.DeviceId, StringComparer.Ordinal, cancellationToken);
        var recorded = 0;
        foreach (var change in changes.OrderBy(c => c.At))
        {
            if (!devices.TryGetValue(change.DeviceId, out var device) || device.RegistrationStatus == change.Status)
            {
                continue;
            }

            var message = change.Status == RegistrationStatus.Registered
                ? $"The hub reported the identity created at {change.At:O}."
                : $"The hub reported the identity deleted at {change.At:O}.";
            db.RegistrationHistory.Add(new RegistrationHistory { DeviceRecordId = device.Id, Status = change.Status, Outcome = ActionOutcome.Succeeded, Message = message });
            device.RegistrationStatus = change.Status;
            device.RegistrationMessage = message;
            recorded++;
        }

        if (recorded > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return recorded;
    }
}
