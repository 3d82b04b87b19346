using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Alerts;

/// <summary>Log messages of alerts (event ids 2200–2299, in <see cref="CoreEventIds"/>).</summary>
internal static partial class AlertLog
{
    [LoggerMessage(EventId = CoreEventIds.AlertIngested, Level = LogLevel.Debug, Message = "Provider instance {InstanceId}: {Created} alerts stored, {Grouped} of them grouped; {Other} duplicate or invalid")]
    public static partial void Ingested(ILogger logger, Guid instanceId, int created, int grouped, int other);

    [LoggerMessage(EventId = CoreEventIds.AlertAutoPullFailed, Level = LogLevel.Error, Message = "The alert auto-pull worker failed a round; it goes on")]
    public static partial void AutoPullFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = CoreEventIds.AlertAutoPullLeaseRenewalFailed, Level = LogLevel.Warning, Message = "Could not renew the auto-pull leases of {Count} alerts being pulled; trying again")]
    public static partial void AutoPullLeaseRenewalFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = CoreEventIds.AlertAnnounceFailed, Level = LogLevel.Warning, Message = "{Count} alerts were stored, but the live pages could not be told; they show them at their next reload")]
    public static partial void AnnounceFailed(ILogger logger, int count, Exception exception);
}
