using System.Data.Common;
using Azure.Messaging.EventHubs.Primitives;
using Fieldlink.Connectors.AzureIoTHub.EventHubs;
using Fieldlink.Connectors.AzureIoTHub.Internal;
using Fieldlink.Core.Data;
using Fieldlink.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Connectors.AzureIoTHub;

/// <summary>The instance's inbound side when its telemetry source is the Event Hubs-compatible endpoint, and what it keeps in Fieldlink's store.</summary>
public sealed partial class AzureIoTHubInstance
{
    /// <summary>
    /// Watches again the desired-property commands still Delivered in the store, sent before this instance was opened
    /// (by this process before a restart or a settings change, or by another process of the fleet). A store that does
    /// not answer now leaves them to expire; the instance starts all the same.
    /// </summary>
    internal async Task WatchDeliveredCommandsAsync(CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return;
        }

        try
        {
            foreach (var waiting in await DeliveredCommands.LoadAsync(_store, _context.ProviderInstanceId, cancellationToken))
            {
                _watch.Watch(waiting.CommandId, waiting.DeviceId, waiting.Desired, waiting.ExpiresAt);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            AzureIoTHubLog.DeliveredCommandsUnread(_logger, ex, _context.ProviderInstanceName);
        }
    }

    /// <summary>The processor for the instance's Event Hubs-compatible endpoint, storing through the instance's sink.</summary>
    internal IoTHubEventProcessor NewProcessor(CheckpointStore checkpoints) =>
        new(checkpoints, _settings, new EventProcessorOptions { Identifier = _nodeName, MaximumWaitTime = TimeSpan.FromSeconds(5) }, StoreAsync, _context);

    /// <summary>
    /// Stores what a batch of the Event Hubs-compatible endpoint holds, alerts first (an alert is worth more than its
    /// readings if the store fails between them), and completes the desired-property commands its twin changes report back.
    /// </summary>
    internal async Task StoreAsync(IoTHubEventHubsBatch batch, CancellationToken cancellationToken)
    {
        var sink = _context.Sink;
        if (batch.Alerts.Count > 0)
        {
            await sink.PublishAlertsAsync(batch.Alerts, cancellationToken);
        }

        if (batch.Telemetry.Count > 0)
        {
            await sink.PublishTelemetryAsync(batch.Telemetry, cancellationToken);
        }

        if (batch.States.Count > 0 || batch.Reported.Count > 0)
        {
            await sink.PublishDeviceStateAsync([.. batch.States, .. batch.Reported], cancellationToken);
        }

        if (batch.Unusable.Count > 0)
        {
            await sink.PublishDeadLettersAsync(batch.Unusable, cancellationToken);
        }

        if (batch.Lifecycle.Count > 0 && _store is not null)
        {
            await RecordLifecycleAsync(batch, cancellationToken);
        }

        foreach (var change in batch.Reported)
        {
            await _watch.ReportedChangedAsync(change.DeviceId, change.ReportedProperties!, cancellationToken);
        }
    }

    /// <summary>Sets the registration status of the devices the hub created or deleted; a store that is down is a transient failure, so the batch is tried again.</summary>
    private async Task RecordLifecycleAsync(IoTHubEventHubsBatch batch, CancellationToken cancellationToken)
    {
        await using var scope = _store!.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        try
        {
            await DeviceLifecycleRecorder.RecordAsync(_context.ProviderInstanceId, batch.Lifecycle, db, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && db.Classify(ex) == StoreError.Transient)
        {
            throw new ConnectorException("The store did not take the hub's identity changes.", isTransient: true, ex);
        }
    }
}
