using Microsoft.Extensions.Logging;

namespace Fieldlink.Connectors.AzureIoTHub;

/// <summary>Log messages of the Azure IoT Hub connector (event ids in <see cref="AzureIoTHubEventIds"/>). Never a key, token or device connection string.</summary>
internal static partial class AzureIoTHubLog
{
    [LoggerMessage(EventId = AzureIoTHubEventIds.Registered, Level = LogLevel.Information, Message = "IoT Hub {Instance}: device {DeviceId} registered ({How})")]
    public static partial void Registered(ILogger logger, string instance, string deviceId, string how);

    [LoggerMessage(EventId = AzureIoTHubEventIds.RegistrationRefused, Level = LogLevel.Warning, Message = "IoT Hub {Instance}: the hub refused to register device {DeviceId}: {Reason}")]
    public static partial void RegistrationRefused(ILogger logger, string instance, string deviceId, string reason);

    [LoggerMessage(EventId = AzureIoTHubEventIds.MethodAnswered, Level = LogLevel.Debug, Message = "IoT Hub {Instance}: device {DeviceId} answered direct method {Method} with status {Status}")]
    public static partial void MethodAnswered(ILogger logger, string instance, string deviceId, string method, int status);

    [LoggerMessage(EventId = AzureIoTHubEventIds.MethodTimedOut, Level = LogLevel.Information, Message = "IoT Hub {Instance}: direct method {Method} to device {DeviceId} timed out: {Reason}")]
    public static partial void MethodTimedOut(ILogger logger, string instance, string deviceId, string method, string reason);

    [LoggerMessage(EventId = AzureIoTHubEventIds.DesiredPatched, Level = LogLevel.Debug, Message = "IoT Hub {Instance}: desired properties of device {DeviceId} patched for command {CommandId}")]
    public static partial void DesiredPatched(ILogger logger, string instance, string deviceId, Guid commandId);

    [LoggerMessage(EventId = AzureIoTHubEventIds.ReportedBack, Level = LogLevel.Debug, Message = "IoT Hub {Instance}: device {DeviceId} reported back the values of command {CommandId}")]
    public static partial void ReportedBack(ILogger logger, string instance, string deviceId, Guid commandId);

    [LoggerMessage(EventId = AzureIoTHubEventIds.ReportedBackCheckFailed, Level = LogLevel.Warning, Message = "IoT Hub {Instance}: checking device {DeviceId}'s twin for command {CommandId} failed; trying again at the next check")]
    public static partial void ReportedBackCheckFailed(ILogger logger, Exception exception, string instance, string deviceId, Guid commandId);

    [LoggerMessage(EventId = AzureIoTHubEventIds.ReportedBackLoopFailed, Level = LogLevel.Error, Message = "IoT Hub {Instance}: a check of desired-property commands failed; the next check runs as planned")]
    public static partial void ReportedBackLoopFailed(ILogger logger, Exception exception, string instance);

    [LoggerMessage(EventId = AzureIoTHubEventIds.EventHubsStarted, Level = LogLevel.Information, Message = "IoT Hub {Instance}: reading Event Hub {EventHub} on {Namespace} through consumer group {ConsumerGroup} as {Owner}")]
    public static partial void EventHubsStarted(ILogger logger, string instance, string eventHub, string @namespace, string consumerGroup, string owner);

    [LoggerMessage(EventId = AzureIoTHubEventIds.EventHubsStopped, Level = LogLevel.Information, Message = "IoT Hub {Instance}: stopped reading the Event Hubs-compatible endpoint; its partitions are given up to the other processes")]
    public static partial void EventHubsStopped(ILogger logger, string instance);

    [LoggerMessage(EventId = AzureIoTHubEventIds.EventHubsError, Level = LogLevel.Warning, Message = "IoT Hub {Instance}: the Event Hubs-compatible endpoint failed while {Operation} (partition {PartitionId}); the processor tries again")]
    public static partial void EventHubsError(ILogger logger, Exception exception, string instance, string operation, string partitionId);

    [LoggerMessage(EventId = AzureIoTHubEventIds.EventHubsBatchStored, Level = LogLevel.Debug, Message = "IoT Hub {Instance}: partition {PartitionId} stored {Events} events up to sequence number {SequenceNumber} and checkpointed")]
    public static partial void EventHubsBatchStored(ILogger logger, string instance, string partitionId, int events, long sequenceNumber);

    [LoggerMessage(EventId = AzureIoTHubEventIds.EventHubsStoreUnavailable, Level = LogLevel.Warning, Message = "IoT Hub {Instance}: the store did not take partition {PartitionId}'s batch; trying again in {Delay} without a checkpoint")]
    public static partial void EventHubsStoreUnavailable(ILogger logger, Exception exception, string instance, string partitionId, TimeSpan delay);

    [LoggerMessage(EventId = AzureIoTHubEventIds.EventHubsBatchFailed, Level = LogLevel.Error, Message = "IoT Hub {Instance}: partition {PartitionId}'s batch was refused and could not be kept as dead letters either; the partition waits and tries again, without a checkpoint")]
    public static partial void EventHubsBatchFailed(ILogger logger, Exception exception, string instance, string partitionId);

    [LoggerMessage(EventId = AzureIoTHubEventIds.EventHubsBatchDeadLettered, Level = LogLevel.Error, Message = "IoT Hub {Instance}: the store refused partition {PartitionId}'s batch; its {Events} events are kept as dead letters and the partition reads on")]
    public static partial void EventHubsBatchDeadLettered(ILogger logger, Exception exception, string instance, string partitionId, int events);

    [LoggerMessage(EventId = AzureIoTHubEventIds.DeliveredCommandsUnread, Level = LogLevel.Warning, Message = "IoT Hub {Instance}: the Delivered desired-property commands could not be read from the store at start; those sent before it are not watched and expire")]
    public static partial void DeliveredCommandsUnread(ILogger logger, Exception exception, string instance);
}
