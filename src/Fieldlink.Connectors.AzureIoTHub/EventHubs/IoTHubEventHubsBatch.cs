using Fieldlink.Connectors.AzureIoTHub.EventGrid;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.AzureIoTHub.EventHubs;

/// <summary>What one batch of a partition of the hub's Event Hubs-compatible endpoint holds, ready for Fieldlink's sink.</summary>
/// <param name="Telemetry">Readings from device-to-cloud messages (message source <c>Telemetry</c>).</param>
/// <param name="Alerts">Alerts from messages marked with <see cref="AzureIoTHubSettings.AlertProperty"/>, each with a token that is the same when the message is delivered again.</param>
/// <param name="States">Connection changes from routed <c>deviceConnectionStateEvents</c>, oldest first.</param>
/// <param name="Reported">Reported properties devices changed, from routed <c>twinChangeEvents</c>, oldest first: each holds what changed only.</param>
/// <param name="Lifecycle">Identities created or deleted on the hub, from routed <c>deviceLifecycleEvents</c>.</param>
/// <param name="Unusable">Messages that could not be used (no device id, a body that is not JSON, no numeric value), kept as dead letters.</param>
/// <param name="Ignored">How many events were of no use to Fieldlink (a module's connection, a desired-only twin change).</param>
public sealed record IoTHubEventHubsBatch(
    IReadOnlyList<TelemetryReport> Telemetry,
    IReadOnlyList<AlertReport> Alerts,
    IReadOnlyList<DeviceStateReport> States,
    IReadOnlyList<DeviceStateReport> Reported,
    IReadOnlyList<DeviceLifecycleChange> Lifecycle,
    IReadOnlyList<DeadLetterReport> Unusable,
    int Ignored);
