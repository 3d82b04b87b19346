namespace Fieldlink.Sdk;

/// <summary>The outcome of registering one device.</summary>
/// <param name="Id">Fieldlink's id of the device (<see cref="DeviceRef.Id"/>).</param>
/// <param name="Status">The device's registration status now.</param>
/// <param name="ProviderDeviceId">The id the provider gave the device, when it differs from the one asked for; otherwise null.</param>
/// <param name="Message">What the provider said, e.g. why registration failed.</param>
public sealed record RegistrationResult(Guid Id, RegistrationStatus Status, string? ProviderDeviceId = null, string? Message = null);
