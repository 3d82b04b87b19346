namespace Fieldlink.Server.Model;

/// <summary>One row of the accounts list: the account's fields and how many customer assets it has.</summary>
public sealed record AccountRow(Guid Id, string Name, string? AccountNumber, string? Email, string? Phone, int AssetCount);
