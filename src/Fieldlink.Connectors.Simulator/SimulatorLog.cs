using Microsoft.Extensions.Logging;

namespace Fieldlink.Connectors.Simulator;

/// <summary>Log messages of the simulator (event ids in <see cref="SimulatorEventIds"/>).</summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(EventId = SimulatorEventIds.Started, Level = LogLevel.Information, Message = "Simulator {Instance} started: telemetry every {IntervalSeconds} s (0 = off), seed {Seed}")]
    public static partial void Started(ILogger logger, string instance, double intervalSeconds, int seed);

    [LoggerMessage(EventId = SimulatorEventIds.TelemetryFailed, Level = LogLevel.Warning, Message = "Simulator {Instance} could not publish telemetry for {Devices} devices; it tries again at the next tick")]
    public static partial void TelemetryFailed(ILogger logger, Exception exception, string instance, int devices);

    [LoggerMessage(EventId = SimulatorEventIds.CommandLost, Level = LogLevel.Debug, Message = "Command {CommandId} ({Name}) to {DeviceId} will never be answered, as commandTimeoutRate asks")]
    public static partial void CommandLost(ILogger logger, Guid commandId, string name, string deviceId);

    [LoggerMessage(EventId = SimulatorEventIds.CommandEnded, Level = LogLevel.Debug, Message = "Command {CommandId} ({Name}) to {DeviceId} ended {Status}")]
    public static partial void CommandEnded(ILogger logger, Guid commandId, string name, string deviceId, Fieldlink.Sdk.CommandStatus status);

    [LoggerMessage(EventId = SimulatorEventIds.CommandReportFailed, Level = LogLevel.Warning, Message = "Simulator {Instance} could not report the outcome of command {CommandId}")]
    public static partial void CommandReportFailed(ILogger logger, Exception exception, string instance, Guid commandId);
}
