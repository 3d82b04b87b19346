namespace Fieldlink.Server.Api.Assets;

/// <summary>The writable fields of a customer asset.</summary>
public sealed record CustomerAssetWrite(string? Name, Guid? AccountId, string? SerialNumber, string? Location);
