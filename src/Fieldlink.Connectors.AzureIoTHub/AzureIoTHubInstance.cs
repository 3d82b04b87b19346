using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Connectors.AzureIoTHub.EventHubs;
using Fieldlink.Connectors.AzureIoTHub.Internal;
using Fieldlink.Sdk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Connectors.AzureIoTHub;

/// <summary>
/// One IoT hub. Outbound, over the hub's service REST API: register creates or enables device identities with
/// symmetric-key authentication; pull reads each device's twin and identity; a command is a direct method (its answer
/// is the outcome) or a desired-property patch (Succeeded once the device reports the values back, checked every
/// <see cref="AzureIoTHubSettings.ReportedBackCheckSeconds"/>). Readings and aggregates are answered by Fieldlink's own
/// store. Inbound, either Event Grid posts to Fieldlink's ingest endpoint for the instance (nothing runs here for it),
/// or, with <see cref="TelemetrySource.EventHubs"/>, the instance reads the hub's Event Hubs-compatible endpoint from
/// its start to its disposal, sharing the partitions with the other processes through the store.
/// </summary>
public sealed partial class AzureIoTHubInstance : IConnectorInstance, IRegisterDevices, IPullDeviceData, ISendCommands
{
    /// <summary>How many devices of a batch are sent to the hub at once: the hub throttles registry operations per unit.</summary>
    private const int Parallelism = 4;

    private readonly AzureIoTHubSettings _settings;
    private readonly ConnectorContext _context;
    private readonly IoTHubServiceClient _client;
    private readonly DesiredPropertyWatch _watch;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly IServiceScopeFactory? _store;
    private readonly string _nodeName;
    private Task? _checking;
    private IoTHubEventProcessor? _processor;

    /// <summary>An instance whose telemetry source can only be Event Grid: nothing to keep Event Hubs checkpoints in.</summary>
    public AzureIoTHubInstance(AzureIoTHubSettings settings, ConnectorContext context)
        : this(settings, context, null, Environment.MachineName)
    {
    }

    /// <param name="settings">The validated settings.</param>
    /// <param name="context">The provider instance's context.</param>
    /// <param name="store">
    /// Fieldlink's store: where the Event Hubs processor keeps partition ownership and checkpoints, and where the
    /// Delivered desired-property commands are found again at start. Null when there is none (then telemetry source
    /// EventHubs cannot start, and the commands are watched from when they are sent only).
    /// </param>
    /// <param name="nodeName">This process's node name: the owner of the partitions it reads.</param>
    public AzureIoTHubInstance(AzureIoTHubSettings settings, ConnectorContext context, IServiceScopeFactory? store, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        _settings = settings;
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<AzureIoTHubInstance>();
        var credentials = settings.Credentials();
        var serviceUrl = settings.ServiceUrl is { Length: > 0 } url ? new Uri(url.TrimEnd('/') + "/") : new Uri($"https://{credentials.HostName}/");
        _client = new IoTHubServiceClient(credentials, serviceUrl, context.HttpHandlerFactory, context.Time);
        _watch = new DesiredPropertyWatch(_client, context.Sink, context.Time, _logger, context.ProviderInstanceName);
        _store = store;
        _nodeName = nodeName;
    }

    /// <summary>
    /// Starts the check of desired-property commands and, with telemetry source EventHubs, the processor of the hub's
    /// Event Hubs-compatible endpoint. With Event Grid it reports Connected: the hub is reached per action, and a hub
    /// that does not answer shows on those actions, not here; the processor reports its own connection.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await WatchDeliveredCommandsAsync(cancellationToken);
        _checking = CheckReportedBackAsync(_stopping.Token);
        if (_settings.TelemetrySource != TelemetrySource.EventHubs)
        {
            _context.Sink.ReportConnection(InstanceConnectionState.Connected);
            return;
        }

        if (_store is null)
        {
            throw new ConnectorException("Telemetry source EventHubs keeps its checkpoints in Fieldlink's store, which this instance was opened without.", isTransient: false);
        }

        _context.Sink.ReportConnection(InstanceConnectionState.Connecting);
        var processor = NewProcessor(new DatabaseCheckpointStore(_context.ProviderInstanceId, _store, _context.Time));
        try
        {
            // The library checks at start that it can reach the endpoint and read the store, and throws when not.
            await processor.StartProcessingAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var reason = (ex as AggregateException)?.InnerExceptions.FirstOrDefault()?.Message ?? ex.Message;
            _context.Sink.ReportConnection(InstanceConnectionState.Disconnected, reason);
            throw new ConnectorException(
                $"The hub's Event Hubs-compatible endpoint ({processor.FullyQualifiedNamespace}, {processor.EventHubName}, consumer group {processor.ConsumerGroup}) could not be read: {reason}", isTransient: true, ex);
        }

        _processor = processor;
        AzureIoTHubLog.EventHubsStarted(_logger, _context.ProviderInstanceName, processor.EventHubName, processor.FullyQualifiedNamespace, processor.ConsumerGroup, _nodeName);
    }

    public async Task<IReadOnlyList<RegistrationResult>> RegisterDevicesAsync(IReadOnlyList<DeviceRef> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var results = new RegistrationResult[devices.Count];
        await Parallel.ForAsync(0, devices.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            try
            {
                results[i] = await RegisterAsync(devices[i], ct);
            }
            catch (ConnectorException ex)
            {
                results[i] = new RegistrationResult(devices[i].Id, RegistrationStatus.Error, Message: ex.Message);
            }
        });
        return results;
    }

    public async Task<IReadOnlyList<DeviceData>> PullDeviceDataAsync(IReadOnlyList<DeviceRef> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var results = new DeviceData[devices.Count];
        await Parallel.ForAsync(0, devices.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
            results[i] = await PullAsync(devices[i], ct));
        return results;
    }

    public async Task<CommandAcceptance> SendCommandAsync(DeviceCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var asDesired = _settings.CommandDelivery == CommandDelivery.DesiredProperties
            || _settings.DesiredPropertyCommands.Contains(command.Name, StringComparer.OrdinalIgnoreCase);
        return asDesired ? await PatchDesiredAsync(command, cancellationToken) : await InvokeMethodAsync(command, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_processor is not null)
        {
            // Stopping gives the partitions up in the store, so the other processes take them at their next balancing
            // rather than when this process's ownership runs out.
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _processor.StopProcessingAsync(stopTimeout.Token);
                AzureIoTHubLog.EventHubsStopped(_logger, _context.ProviderInstanceName);
            }
            catch (OperationCanceledException)
            {
                // The ownership runs out by itself.
            }
        }

        await _stopping.CancelAsync();
        if (_checking is not null)
        {
            await _checking.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
        _client.Dispose();
    }

    private async Task<RegistrationResult> RegisterAsync(DeviceRef device, CancellationToken cancellationToken)
    {
        var created = await _client.PutDeviceAsync(device.DeviceId, NewIdentity(device.DeviceId), ifMatch: null, cancellationToken);
        if (created.IsSuccess)
        {
            AzureIoTHubLog.Registered(_logger, _context.ProviderInstanceName, device.DeviceId, "created");
            return new RegistrationResult(device.Id, RegistrationStatus.Registered, Message: "Created on the hub, with symmetric-key authentication (keys made by the hub).");
        }

        if (created.Status != HttpStatusCode.Conflict)
        {
            return Refused(device, created);
        }

        // It exists: make sure it is enabled, keeping its authentication; an ETag that moved meanwhile (412) is read again.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var current = await _client.GetDeviceAsync(device.DeviceId, cancellationToken);
            if (current is not { IsSuccess: true, Body: JsonObject identity })
            {
                return Refused(device, current);
            }

            if (string.Equals(identity["status"]?.GetValue<string>(), "enabled", StringComparison.OrdinalIgnoreCase))
            {
                AzureIoTHubLog.Registered(_logger, _context.ProviderInstanceName, device.DeviceId, "already on the hub");
                return new RegistrationResult(device.Id, RegistrationStatus.Registered, Message: "Already on the hub, enabled; its authentication was left as it is.");
            }

            identity["status"] = "enabled";
            var etag = identity["etag"]?.GetValue<string>();
            var updated = await _client.PutDeviceAsync(device.DeviceId, identity, etag is null ? "*" : $"\"{etag}\"", cancellationToken);
            if (updated.IsSuccess)
            {
                AzureIoTHubLog.Registered(_logger, _context.ProviderInstanceName, device.DeviceId, "enabled");
                return new RegistrationResult(device.Id, RegistrationStatus.Registered, Message: "Already on the hub, disabled: enabled it; its authentication was left as it is.");
            }

            if (updated.Status != HttpStatusCode.PreconditionFailed)
            {
                return Refused(device, updated);
            }
        }

        return new RegistrationResult(device.Id, RegistrationStatus.Error, Message: "The device's identity kept changing on the hub while Fieldlink enabled it (412 three times); register it again.");
    }

    private RegistrationResult Refused(DeviceRef device, HubAnswer answer)
    {
        var reason = $"The hub refused the device: {answer.Describe()}";
        AzureIoTHubLog.RegistrationRefused(_logger, _context.ProviderInstanceName, device.DeviceId, answer.Describe());
        return new RegistrationResult(device.Id, RegistrationStatus.Error, Message: reason);
    }

    /// <summary>A new identity with symmetric-key authentication whose keys the hub makes: Fieldlink never holds or returns them.</summary>
    private static JsonObject NewIdentity(string deviceId) => new()
    {
        ["deviceId"] = deviceId,
        ["status"] = "enabled",
        ["authentication"] = new JsonObject
        {
            ["type"] = "sas",
            ["symmetricKey"] = new JsonObject { ["primaryKey"] = null, ["secondaryKey"] = null },
        },
    };

    private async Task<DeviceData> PullAsync(DeviceRef device, CancellationToken cancellationToken)
    {
        var twinTask = _client.GetTwinAsync(device.DeviceId, cancellationToken);
        var identityTask = _client.GetDeviceAsync(device.DeviceId, cancellationToken);
        var (twin, identity) = (await twinTask, await identityTask);
        if (twin.Status == HttpStatusCode.NotFound)
        {
            return new DeviceData(device.Id, DeviceDataStatus.NotFound, null, null, null, null, "The hub has no device with this id.");
        }

        if (twin is not { IsSuccess: true, Body: JsonObject twinDocument })
        {
            throw new ConnectorException($"The hub answered {twin.Describe()} to reading the twin of {device.DeviceId}.", isTransient: false);
        }

        return TwinReading.ToDeviceData(device.Id, twinDocument, identity is { IsSuccess: true, Body: JsonObject doc } ? doc : null, _settings.ReportedProperties);
    }
}
