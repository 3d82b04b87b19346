using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Processor;
using Fieldlink.Sdk;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Connectors.AzureIoTHub.EventHubs;

/// <summary>
/// Reads every partition of the hub's Event Hubs-compatible endpoint that this process owns, the ownership shared with
/// the other Fieldlink processes through <see cref="DatabaseCheckpointStore"/> (the processor's load balancing: each
/// claims its share, and takes over the partitions of a process that stopped renewing). A batch is stored, then
/// checkpointed: a process that stops between the two leaves its batch to the next owner, which stores it again, so
/// delivery is at least once (alerts de-duplicated by token). While the store is down a batch is tried again with
/// backoff and the partition waits; a batch the store refuses for good is kept as dead letters, one per event. Nothing
/// is checkpointed past what is stored, as data or as dead letters.
/// </summary>
internal sealed class IoTHubEventProcessor : PluggableCheckpointStoreEventProcessor<EventProcessorPartition>
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    private readonly Func<IoTHubEventHubsBatch, CancellationToken, Task> _store;
    private readonly AzureIoTHubSettings _settings;
    private readonly IConnectorSink _sink;
    private readonly ILogger _logger;
    private readonly string _instance;
    private readonly TimeProvider _time;

    /// <param name="checkpoints">Where ownership and checkpoints are kept.</param>
    /// <param name="settings">The instance's validated settings, with telemetry source EventHubs.</param>
    /// <param name="options">The processor's options; its <see cref="EventProcessorOptions.Identifier"/> is the node name.</param>
    /// <param name="store">Stores a parsed batch; throws a transient <see cref="ConnectorException"/> when the store is down.</param>
    /// <param name="context">The instance's context: its sink for the connection state, its log, its clock.</param>
    public IoTHubEventProcessor(
        CheckpointStore checkpoints, AzureIoTHubSettings settings, EventProcessorOptions options, Func<IoTHubEventHubsBatch, CancellationToken, Task> store, ConnectorContext context)
        : base(checkpoints, settings.EventHubsBatchSize, settings.EventHubsConsumerGroup, settings.EventHubsConnectionString!.Trim(), options)
    {
        _store = store;
        _settings = settings;
        _sink = context.Sink;
        _logger = context.LoggerFactory.CreateLogger<IoTHubEventProcessor>();
        _instance = context.ProviderInstanceName;
        _time = context.Time;
    }

    /// <summary>Stores one partition's batch, then checkpoints after its last event; what <see cref="OnProcessingEventBatchAsync"/> does.</summary>
    internal async Task ProcessBatchAsync(IReadOnlyList<EventData> events, string partitionId, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            // The processor waits at most its MaximumWaitTime for events: an empty batch says the partition is read.
            _sink.ReportConnection(InstanceConnectionState.Connected);
            return;
        }

        var batch = IoTHubEventHubsParser.Parse(events, partitionId, _settings.AlertProperty, [.. _settings.ReportedProperties]);
        var delay = FirstRetry;
        while (true)
        {
            try
            {
                await _store(batch, cancellationToken);
                break;
            }
            catch (ConnectorException ex) when (ex.IsTransient && !cancellationToken.IsCancellationRequested)
            {
                AzureIoTHubLog.EventHubsStoreUnavailable(_logger, ex, _instance, partitionId, delay);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Refused for good: the processor would read on and the next checkpoint pass over these events, so they
                // are kept as dead letters first (with the refusal as the reason); only then does the partition move on.
                if (await KeptAsDeadLettersAsync(events, partitionId, ex, cancellationToken))
                {
                    break;
                }
            }

            await Task.Delay(delay, _time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastRetry.Ticks));
        }

        var last = events[^1];
        await UpdateCheckpointAsync(partitionId, CheckpointPosition.FromEvent(last), cancellationToken);
        _sink.ReportConnection(InstanceConnectionState.Connected);
        AzureIoTHubLog.EventHubsBatchStored(_logger, _instance, partitionId, events.Count, last.SequenceNumber);
    }

    protected override Task OnProcessingEventBatchAsync(IEnumerable<EventData> events, EventProcessorPartition partition, CancellationToken cancellationToken) =>
        ProcessBatchAsync(events as IReadOnlyList<EventData> ?? [.. events], partition.PartitionId, cancellationToken);

    /// <summary>Keeps a refused batch's events as dead letters; false (logged) when the store takes not even those.</summary>
    private async Task<bool> KeptAsDeadLettersAsync(IReadOnlyList<EventData> events, string partitionId, Exception refusal, CancellationToken cancellationToken)
    {
        try
        {
            await _sink.PublishDeadLettersAsync(IoTHubEventHubsParser.Refused(events, $"The store refused the batch: {refusal.Message}"), cancellationToken);
            AzureIoTHubLog.EventHubsBatchDeadLettered(_logger, refusal, _instance, partitionId, events.Count);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AzureIoTHubLog.EventHubsBatchFailed(_logger, ex, _instance, partitionId);
            return false;
        }
    }

    protected override Task OnProcessingErrorAsync(Exception exception, EventProcessorPartition partition, string operationDescription, CancellationToken cancellationToken)
    {
        AzureIoTHubLog.EventHubsError(_logger, exception, _instance, operationDescription, partition?.PartitionId ?? "none");
        if (partition is null)
        {
            // Load balancing or the connection failed, not one partition's batch: the endpoint is not being read.
            _sink.ReportConnection(InstanceConnectionState.Disconnected, exception.Message);
        }

        return Task.CompletedTask;
    }
}
