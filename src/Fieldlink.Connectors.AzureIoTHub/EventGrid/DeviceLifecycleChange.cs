using Fieldlink.Sdk;

namespace Fieldlink.Connectors.AzureIoTHub.EventGrid;

/// <summary>A device identity created on or deleted from the hub, outside Fieldlink or through it.</summary>
/// <param name="DeviceId">The device's id on the hub.</param>
/// <param name="Status">Registered for <c>DeviceCreated</c>, Unregistered for <c>DeviceDeleted</c>.</param>
/// <param name="At">When the hub said it happened.</param>
public sealed record DeviceLifecycleChange(string DeviceId, RegistrationStatus Status, DateTimeOffset At);
