using Fieldlink.Sdk;

namespace Fieldlink.Server.Model;

/// <summary>What the device page shows of a device: its record, the names of what it refers to, its reported properties and its measures.</summary>
public sealed record DeviceFacts(
    Guid Id,
    string Name,
    string DeviceId,
    RegistrationStatus RegistrationStatus,
    string? RegistrationMessage,
    ConnectionState ConnectionState,
    DateTimeOffset? ConnectionStateChangedAt,
    DateTimeOffset? LastActivityAt,
    string? TimeZone,
    bool Simulated,
    IReadOnlyList<string> Tags,
    NamedRecord ProviderInstance,
    string? Provider,
    NamedRecord? Category,
    NamedRecord? CustomerAsset,
    NamedRecord? Account,
    IReadOnlyList<KeyValuePair<string, string>> ReportedProperties,
    IReadOnlyList<ChartMeasure> Measures,
    DateTimeOffset CreatedAt);
