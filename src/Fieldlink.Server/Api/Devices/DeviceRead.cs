using System.Text.Json.Nodes;
using Fieldlink.Sdk;

namespace Fieldlink.Server.Api.Devices;

/// <summary>A device as the API shows it.</summary>
public sealed record DeviceRead(
    Guid Id,
    string Name,
    string DeviceId,
    Guid ProviderInstanceId,
    Guid? AccountId,
    Guid? CategoryId,
    Guid? CustomerAssetId,
    string? TimeZone,
    bool Simulated,
    RegistrationStatus RegistrationStatus,
    string? RegistrationMessage,
    ConnectionState ConnectionState,
    DateTimeOffset? ConnectionStateChangedAt,
    DateTimeOffset? LastActivityAt,
    JsonObject ReportedProperties,
    IReadOnlyList<string> Tags,
    IReadOnlyList<TileWrite?>? Tiles,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
