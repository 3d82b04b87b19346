using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Readings;

/// <summary>Log messages of readings, their retention and the ingestion of telemetry and device state (event ids 3000–3099, in <see cref="CoreEventIds"/>).</summary>
public static partial class ReadingsLog
{
    [LoggerMessage(EventId = CoreEventIds.ReadingsRetentionDeleted, Level = LogLevel.Information, Message = "Retention deleted {Count} readings older than {Cutoff}")]
    public static partial void RetentionDeleted(ILogger logger, long count, DateTimeOffset cutoff);

    [LoggerMessage(EventId = CoreEventIds.ReadingsRetentionFailed, Level = LogLevel.Error, Message = "The readings retention sweep failed; it runs again in {Interval}")]
    public static partial void RetentionFailed(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(EventId = CoreEventIds.ReadingsTelemetryIngested, Level = LogLevel.Debug, Message = "Telemetry for instance {ProviderInstanceId}: {Stored} stored, {UnknownDevice} for unknown devices, {Invalid} invalid; {Readings} readings written")]
    public static partial void TelemetryIngested(ILogger logger, Guid providerInstanceId, int stored, int unknownDevice, int invalid, int readings);

    [LoggerMessage(EventId = CoreEventIds.ReadingsStateIngested, Level = LogLevel.Debug, Message = "Device state for instance {ProviderInstanceId}: {Stored} stored, {UnknownDevice} for unknown devices, {Invalid} invalid")]
    public static partial void StateIngested(ILogger logger, Guid providerInstanceId, int stored, int unknownDevice, int invalid);

    [LoggerMessage(EventId = CoreEventIds.ReadingsStateRetried, Level = LogLevel.Debug, Message = "Device state for instance {ProviderInstanceId} met a concurrent change; attempt {Attempt} applies it again")]
    public static partial void StateRetried(ILogger logger, Guid providerInstanceId, int attempt);
}
