namespace Fieldlink.Server.Api.Assets;

/// <summary>An account as the API shows it.</summary>
public sealed record AccountRead(Guid Id, string Name, string? AccountNumber, string? Email, string? Phone, string? Address, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
