namespace Fieldlink.Server.Model;

/// <summary>One dead letter as the administration page lists it: when, from which provider instance and source, why, and what it held.</summary>
public sealed record DeadLetterRow(
    Guid Id,
    DateTimeOffset ReceivedAt,
    Guid ProviderInstanceId,
    string? ProviderInstance,
    string Source,
    string? DeviceId,
    string Reason,
    string Payload);
