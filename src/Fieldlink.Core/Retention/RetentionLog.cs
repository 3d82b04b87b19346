using Microsoft.Extensions.Logging;

namespace Fieldlink.Core.Retention;

/// <summary>Log messages of the pruning of finished records (event ids 3200–3299, in <see cref="CoreEventIds"/>).</summary>
public static partial class RetentionLog
{
    [LoggerMessage(EventId = CoreEventIds.RetentionPruned, Level = LogLevel.Information, Message = "Retention deleted {WebhookDeliveries} webhook deliveries, {DeadLetters} dead letters and {Commands} commands past their retention")]
    public static partial void Pruned(ILogger logger, long webhookDeliveries, long deadLetters, long commands);

    [LoggerMessage(EventId = CoreEventIds.RetentionFailed, Level = LogLevel.Error, Message = "The retention pass failed; it runs again in {Interval}")]
    public static partial void PruneFailed(ILogger logger, Exception exception, TimeSpan interval);
}
