using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Connectors;

/// <summary>Log messages of connectors and action routing (event ids 2000–2099, in <see cref="CoreEventIds"/>).</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = CoreEventIds.ConnectorOpened, Level = LogLevel.Information, Message = "Opened the {Connector} connector for provider instance '{Instance}' ({InstanceId})")]
    public static partial void Opened(ILogger logger, string connector, string instance, Guid instanceId);

    [LoggerMessage(EventId = CoreEventIds.ConnectorReopening, Level = LogLevel.Information, Message = "Provider instance '{Instance}' ({InstanceId}) changed; reopening its connector")]
    public static partial void Reopening(ILogger logger, string instance, Guid instanceId);

    [LoggerMessage(EventId = CoreEventIds.ConnectorCloseFailed, Level = LogLevel.Warning, Message = "The {Connector} connector failed to close")]
    public static partial void CloseFailed(ILogger logger, string connector, Exception exception);

    [LoggerMessage(EventId = CoreEventIds.ConnectorOpenFailed, Level = LogLevel.Warning, Message = "Could not open the connector of provider instance {InstanceId}")]
    public static partial void OpenFailed(ILogger logger, Guid instanceId, Exception exception);

    [LoggerMessage(EventId = CoreEventIds.ConnectorActionFailed, Level = LogLevel.Warning, Message = "{Action} on provider instance {InstanceId} failed: {Reason}")]
    public static partial void ActionFailed(ILogger logger, string action, Guid instanceId, string reason);

    [LoggerMessage(EventId = CoreEventIds.ConnectorActionCrashed, Level = LogLevel.Error, Message = "The connector threw an unexpected exception during {Action} on provider instance {InstanceId}")]
    public static partial void ActionCrashed(ILogger logger, string action, Guid instanceId, Exception exception);

    [LoggerMessage(EventId = CoreEventIds.ConnectorActionTimedOut, Level = LogLevel.Warning, Message = "{Action} on provider instance {InstanceId} did not answer within {Timeout}")]
    public static partial void ActionTimedOut(ILogger logger, string action, Guid instanceId, TimeSpan timeout);

    [LoggerMessage(EventId = CoreEventIds.ConnectorBatchSplit, Level = LogLevel.Warning, Message = "The store refused a batch of {Count} {Ingestion} items of provider instance {InstanceId} ({Reason}); storing it in halves to find the items it refuses")]
    public static partial void BatchSplit(ILogger logger, string ingestion, int count, Guid instanceId, string reason);

    [LoggerMessage(EventId = CoreEventIds.ConnectorItemRefused, Level = LogLevel.Warning, Message = "The store refused one {Ingestion} item of provider instance {InstanceId}; it is kept as a dead letter")]
    public static partial void ItemRefused(ILogger logger, string ingestion, Guid instanceId, Exception exception);
}
