using Microsoft.Extensions.Logging;

namespace Fieldlink.Connectors.Mqtt;

/// <summary>Log messages of the MQTT connector and the embedded broker (event ids in <see cref="MqttEventIds"/>).</summary>
internal static partial class MqttLog
{
    [LoggerMessage(EventId = MqttEventIds.Connected, Level = LogLevel.Information, Message = "MQTT {Instance} connected to {Host}:{Port} as {ClientId} (session present: {SessionPresent}), subscribed to {Filters}")]
    public static partial void Connected(ILogger logger, string instance, string host, int port, string clientId, bool sessionPresent, string filters);

    [LoggerMessage(EventId = MqttEventIds.ConnectFailed, Level = LogLevel.Warning, Message = "MQTT {Instance} could not connect to {Host}:{Port}; trying again in {DelayMs} ms")]
    public static partial void ConnectFailed(ILogger logger, Exception exception, string instance, string host, int port, long delayMs);

    [LoggerMessage(EventId = MqttEventIds.Disconnected, Level = LogLevel.Warning, Message = "MQTT {Instance} lost the broker: {Reason}")]
    public static partial void Disconnected(ILogger logger, string instance, string reason);

    [LoggerMessage(EventId = MqttEventIds.DeadLetter, Level = LogLevel.Warning, Message = "MQTT {Instance}: dead letter from topic {Topic}: {Reason}")]
    public static partial void DeadLetter(ILogger logger, string instance, string topic, string reason);

    [LoggerMessage(EventId = MqttEventIds.StoreFailed, Level = LogLevel.Warning, Message = "MQTT {Instance} could not store {Count} received messages; trying again in {DelayMs} ms (they stay unacknowledged)")]
    public static partial void StoreFailed(ILogger logger, Exception exception, string instance, int count, long delayMs);

    [LoggerMessage(EventId = MqttEventIds.AckSkipped, Level = LogLevel.Debug, Message = "MQTT {Instance}: a message stored after its connection was lost is left unacknowledged; the broker sends it again")]
    public static partial void AckSkipped(ILogger logger, string instance);

    [LoggerMessage(EventId = MqttEventIds.SharedUnavailable, Level = LogLevel.Warning, Message = "MQTT {Instance}: the broker does not offer shared subscriptions; subscribing unshared, so this process takes the whole stream")]
    public static partial void SharedUnavailable(ILogger logger, string instance);

    [LoggerMessage(EventId = MqttEventIds.AckFailed, Level = LogLevel.Warning, Message = "MQTT {Instance}: acknowledging a stored message failed")]
    public static partial void AckFailed(ILogger logger, Exception exception, string instance);

    [LoggerMessage(EventId = MqttEventIds.StageRefused, Level = LogLevel.Warning, Message = "MQTT {Instance}: the store refused the {Kind} of a batch for good; its messages are kept as dead letters")]
    public static partial void StageRefused(ILogger logger, Exception exception, string instance, string kind);

    [LoggerMessage(EventId = MqttEventIds.BrokerStarted, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on 127.0.0.1:{Port}")]
    public static partial void BrokerStarted(ILogger logger, int port);

    [LoggerMessage(EventId = MqttEventIds.BrokerStopped, Level = LogLevel.Information, Message = "Embedded MQTT broker stopped")]
    public static partial void BrokerStopped(ILogger logger);

    [LoggerMessage(EventId = MqttEventIds.BrokerReplayed, Level = LogLevel.Information, Message = "Embedded MQTT broker sent {Count} messages it owed from before a restart to {ClientId}")]
    public static partial void BrokerReplayed(ILogger logger, string clientId, int count);

    [LoggerMessage(EventId = MqttEventIds.BrokerReplayFailed, Level = LogLevel.Warning, Message = "Embedded MQTT broker could not send {ClientId} what it owes it; trying again at its next subscription")]
    public static partial void BrokerReplayFailed(ILogger logger, Exception exception, string clientId);

    [LoggerMessage(EventId = MqttEventIds.BrokerSessionExpired, Level = LogLevel.Information, Message = "Embedded MQTT broker ended the session of {ClientId}: it stayed away longer than its session expiry interval, and is owed nothing more")]
    public static partial void BrokerSessionExpired(ILogger logger, string clientId);

    [LoggerMessage(EventId = MqttEventIds.BrokerQueueOverflowed, Level = LogLevel.Warning, Message = "Embedded MQTT broker: {ClientId} has {Limit} messages queued or unacknowledged (Mqtt:BrokerMaxQueuedMessages); what is more stays owed in the journal, and is sent once its acknowledgements make room")]
    public static partial void BrokerQueueOverflowed(ILogger logger, string clientId, int limit);

    [LoggerMessage(EventId = MqttEventIds.BrokerSessionDeleteFailed, Level = LogLevel.Warning, Message = "Embedded MQTT broker could not end the expired session of {ClientId} in MQTTnet; it stays in memory until the process ends, owed nothing")]
    public static partial void BrokerSessionDeleteFailed(ILogger logger, Exception exception, string clientId);

    [LoggerMessage(EventId = MqttEventIds.BrokerSessionUnrecorded, Level = LogLevel.Information, Message = "Embedded MQTT broker's journal, written before sessions expired, had no record of the session of {ClientId}: it ends if away {ExpirySeconds} s from now")]
    public static partial void BrokerSessionUnrecorded(ILogger logger, string clientId, long expirySeconds);

    [LoggerMessage(EventId = MqttEventIds.BrokerJournalFailed, Level = LogLevel.Error, Message = "Embedded MQTT broker could not journal a message of {ClientId}; its acknowledgement is withheld and its connection ended, so it sends the message again")]
    public static partial void BrokerJournalFailed(ILogger logger, Exception exception, string clientId);
}
