using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Fleet;

/// <summary>Log messages of the fleet of processes (event ids 3300–3399, in <see cref="CoreEventIds"/>).</summary>
internal static partial class FleetLog
{
    [LoggerMessage(EventId = CoreEventIds.FleetNodeClaimed, Level = LogLevel.Information, Message = "This process is node {Node} (incarnation {Incarnation})")]
    public static partial void Claimed(ILogger logger, string node, Guid incarnation);

    [LoggerMessage(EventId = CoreEventIds.FleetWaitingForNode, Level = LogLevel.Warning, Message = "Node {Node} was held by process {ProcessId} on {Host}, last heartbeat {HeartbeatAt:O}; waiting to see whether it still beats (a process that was killed is taken over within Fleet:DeadAfter)")]
    public static partial void WaitingForNode(ILogger logger, string node, int processId, string host, DateTimeOffset heartbeatAt);

    [LoggerMessage(EventId = CoreEventIds.FleetNodeDead, Level = LogLevel.Warning, Message = "Node {Node} (process {ProcessId} on {Host}) stopped beating at {HeartbeatAt:O}; released its {Commands} queued commands, {Deliveries} webhook deliveries and {AutoPulls} alert auto-pulls")]
    public static partial void NodeDead(ILogger logger, string node, int processId, string host, DateTimeOffset heartbeatAt, int commands, int deliveries, int autoPulls);

    [LoggerMessage(EventId = CoreEventIds.FleetHeartbeatFailed, Level = LogLevel.Warning, Message = "Could not write this process's heartbeat or look for dead nodes; trying again")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = CoreEventIds.FleetTakenAsDead, Level = LogLevel.Warning, Message = "Node {Node}'s row was gone: the other processes took this one as dead (no heartbeat for Fleet:DeadAfter) and released its work; claimed the name again")]
    public static partial void TakenAsDead(ILogger logger, string node);

    [LoggerMessage(EventId = CoreEventIds.FleetNameTakenOver, Level = LogLevel.Critical, Message = "Node name {Node} was taken over by process {ProcessId} on {Host} while this process lived; this process stops, as two processes under one name take each other's MQTT sessions and leases")]
    public static partial void NameTakenOver(ILogger logger, string node, int processId, string host);

    [LoggerMessage(EventId = CoreEventIds.FleetSessionTakenOver, Level = LogLevel.Warning, Message = "Took over dead node {Node}'s session of provider instance {ProviderInstanceId}: stored the {Messages} messages it held, and ended it")]
    public static partial void SessionTakenOver(ILogger logger, string node, Guid providerInstanceId, int messages);

    [LoggerMessage(EventId = CoreEventIds.FleetSessionTakeOverFailed, Level = LogLevel.Warning, Message = "Could not take over dead node {Node}'s session of provider instance {ProviderInstanceId}; trying again at the next heartbeat")]
    public static partial void SessionTakeOverFailed(ILogger logger, Exception exception, string node, Guid providerInstanceId);

    [LoggerMessage(EventId = CoreEventIds.FleetNameTakenAtOnce, Level = LogLevel.Warning, Message = "Node {Node} was held by process {ProcessId} on this host ({Host}), which is gone ({Rule}: a restart after a crash); took the name without waiting Fleet:DeadAfter")]
    public static partial void NameTakenAtOnce(ILogger logger, string node, int processId, string host, StaleHolderRule rule);

    [LoggerMessage(EventId = CoreEventIds.FleetSessionTakeOverDropped, Level = LogLevel.Information, Message = "Node {Node} is back: no longer trying to take over its sessions of {Instances} provider instances, which it resumes itself")]
    public static partial void SessionTakeOverDropped(ILogger logger, string node, int instances);
}
