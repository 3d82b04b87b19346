namespace Fieldlink.Server.Api.Connectors;

/// <summary>What Fieldlink took from an Event Grid delivery; an unknown device's readings or state are among the dead letters of <c>GET /deadLetters</c>.</summary>
/// <param name="Telemetry">Telemetry messages handed to the readings store.</param>
/// <param name="Alerts">Alerts handed to the alert store.</param>
/// <param name="States">Connection changes handed to the device store.</param>
/// <param name="Registrations">Devices whose registration status a DeviceCreated or DeviceDeleted event changed.</param>
/// <param name="DeadLetters">Events that could not be used, kept as dead letters.</param>
/// <param name="Ignored">Events of no use to Fieldlink: other types, modules' connections, lifecycle events that changed nothing.</param>
public sealed record EventGridDeliveryResult(int Telemetry, int Alerts, int States, int Registrations, int DeadLetters, int Ignored);
