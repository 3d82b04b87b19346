using Fieldlink.Sdk;

namespace Fieldlink.Connectors.AzureIoTHub.EventGrid;

/// <summary>What one Event Grid delivery from a hub holds, ready for Fieldlink's sink.</summary>
/// <param name="ValidationCode">The subscription validation handshake's code, to answer as <c>{"validationResponse": code}</c>; null in a delivery of events.</param>
/// <param name="Telemetry">Readings from <c>DeviceTelemetry</c> events.</param>
/// <param name="Alerts">Alerts from telemetry marked with <see cref="AzureIoTHubSettings.AlertProperty"/>.</param>
/// <param name="States">Connection changes from <c>DeviceConnected</c> and <c>DeviceDisconnected</c>, oldest first.</param>
/// <param name="Lifecycle">Identities created or deleted on the hub.</param>
/// <param name="Unusable">Events that could not be used (a body that is not JSON, no numeric value), kept as dead letters.</param>
/// <param name="Ignored">How many events were of no use to Fieldlink (another event type, a module's connection).</param>
public sealed record IoTHubEventBatch(
    string? ValidationCode,
    IReadOnlyList<TelemetryReport> Telemetry,
    IReadOnlyList<AlertReport> Alerts,
    IReadOnlyList<DeviceStateReport> States,
    IReadOnlyList<DeviceLifecycleChange> Lifecycle,
    IReadOnlyList<DeadLetterReport> Unusable,
    int Ignored);
