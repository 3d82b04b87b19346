using Fieldlink.Sdk;

namespace Fieldlink.Server.Api.Devices;

/// <summary>
/// The writable fields of a device. Connection state, last activity and reported properties come from the
/// device's system (pulls and ingestion), not from here. Tiles: the device's own summary tiles; null for its category's.
/// </summary>
public sealed record DeviceWrite(
    string? Name,
    string? DeviceId,
    Guid? ProviderInstanceId,
    Guid? AccountId,
    Guid? CategoryId,
    Guid? CustomerAssetId,
    string? TimeZone,
    bool? Simulated,
    RegistrationStatus? RegistrationStatus,
    string? RegistrationMessage,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<TileWrite?>? Tiles = null);
