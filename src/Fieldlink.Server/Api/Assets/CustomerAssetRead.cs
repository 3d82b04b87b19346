namespace Fieldlink.Server.Api.Assets;

/// <summary>A customer asset as the API shows it.</summary>
public sealed record CustomerAssetRead(Guid Id, string Name, Guid? AccountId, string? SerialNumber, string? Location, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
