namespace Fieldlink.Server.Api.Assets;

/// <summary>The writable fields of an account.</summary>
public sealed record AccountWrite(string? Name, string? AccountNumber, string? Email, string? Phone, string? Address);
