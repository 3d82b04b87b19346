using Fieldlink.Sdk;

namespace Fieldlink.Server.Model;

/// <summary>A device as the devices list shows it: the record's fields with the names of what it refers to.</summary>
public sealed record DeviceRow(
    Guid Id,
    string Name,
    string DeviceId,
    RegistrationStatus RegistrationStatus,
    ConnectionState ConnectionState,
    DateTimeOffset? LastActivityAt,
    string? ProviderInstance,
    Guid? CustomerAssetId,
    string? CustomerAsset,
    string? Category);
