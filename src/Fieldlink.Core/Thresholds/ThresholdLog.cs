using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Thresholds;

/// <summary>Log messages of threshold rules (event ids 2300–2399, in <see cref="CoreEventIds"/>).</summary>
internal static partial class ThresholdLog
{
    [LoggerMessage(EventId = CoreEventIds.ThresholdApplied, Level = LogLevel.Debug, Message = "Threshold rules: {Transitions} state changes applied, {Alerts} alerts raised, {Rejected} already made by another batch or process")]
    public static partial void Applied(ILogger logger, int transitions, int alerts, int rejected);

    [LoggerMessage(EventId = CoreEventIds.ThresholdApplyFailed, Level = LogLevel.Error, Message = "Threshold rules could not store {Transitions} state changes and their alerts; the telemetry is stored, and they are retried with the next batch")]
    public static partial void ApplyFailed(ILogger logger, Exception exception, int transitions);

    [LoggerMessage(EventId = CoreEventIds.ThresholdGaveUp, Level = LogLevel.Error, Message = "Threshold rules gave up {Count} state changes (the oldest of device {DeviceRecordId}, measure {Measure}, at {At}): retried for {RetryFor} without success, or too many waiting")]
    public static partial void GaveUp(ILogger logger, int count, Guid deviceRecordId, string measure, DateTimeOffset at, TimeSpan retryFor);

    [LoggerMessage(EventId = CoreEventIds.ThresholdRulesUnavailable, Level = LogLevel.Error, Message = "Threshold rules could not read the device categories; this batch's telemetry is stored but was not checked")]
    public static partial void RulesUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = CoreEventIds.ThresholdRefreshFailed, Level = LogLevel.Warning, Message = "Threshold rules could not refresh the device categories and states; the ones read before are used until the next try")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = CoreEventIds.ThresholdAlertRefused, Level = LogLevel.Error, Message = "The alert of a threshold crossing of device {DeviceId}, measure {Measure}, was refused ({Status}); the state change is kept")]
    public static partial void AlertRefused(ILogger logger, string deviceId, string measure, string status);

    [LoggerMessage(EventId = CoreEventIds.ThresholdCanceled, Level = LogLevel.Debug, Message = "The threshold check was canceled; {Transitions} state changes are kept and retried with the next batch")]
    public static partial void Canceled(ILogger logger, int transitions);
}
