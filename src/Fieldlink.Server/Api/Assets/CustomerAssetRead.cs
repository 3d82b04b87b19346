namespace Fieldlink.Server.Api.Assets;

/// <summary>A customer asset as the API shows it, with its alert rollups: how many parent alerts are not closed, and when the latest came.</summary>
public sealed record CustomerAssetRead(
    Guid Id,
    string Name,
    Guid? AccountId,
    string? SerialNumber,
    string? Location,
    int ActiveAlertCount,
    DateTimeOffset? LastAlertAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
