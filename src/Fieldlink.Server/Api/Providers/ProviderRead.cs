namespace Fieldlink.Server.Api.Providers;

/// <summary>A provider as the API shows it.</summary>
public sealed record ProviderRead(Guid Id, string Name, string Connector, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
