using Fieldlink.Core.Data;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Fleet;

/// <summary>
/// Releases the leases a dead incarnation held, so every process's next claim takes the work at once rather than when
/// the leases run out (two minutes by default): its Queued commands (handed to it by its intake, or claimed by its
/// dispatcher), its Pending webhook deliveries, and the alerts' auto-pulls it claimed and had not made. Only a lease's
/// owner and expiry change, as a process's own release changes them; a command, delivery or auto-pull that moved on
/// meanwhile (Sent, Succeeded, made) keeps what it has.
/// </summary>
public static class NodeLeases
{
    /// <summary>Releases what <paramref name="incarnation"/> holds, in the caller's transaction if any; returns how many of each.</summary>
    public static async Task<(int Commands, int Deliveries, int AutoPulls)> ReleaseAsync(FieldlinkDbContext db, Guid incarnation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var prefix = ThisNode.LeasePrefix(incarnation);
        var commands = await db.Commands
            .Where(c => c.Status == CommandStatus.Queued && c.LeaseOwner != null && c.LeaseOwner.StartsWith(prefix))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseOwner, (string?)null).SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        var deliveries = await db.WebhookDeliveries
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.LeaseOwner != null && d.LeaseOwner.StartsWith(prefix))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, (string?)null).SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        var autoPulls = await db.Alerts
            .Where(a => a.AutoPullPending && a.AutoPullLeaseOwner != null && a.AutoPullLeaseOwner.StartsWith(prefix))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.AutoPullLeaseOwner, (string?)null).SetProperty(a => a.AutoPullLeaseUntil, (DateTimeOffset?)null), cancellationToken);
        return (commands, deliveries, autoPulls);
    }
}
