namespace Fieldlink.Server.Api.Providers;

/// <summary>The writable fields of a provider.</summary>
public sealed record ProviderWrite(string? Name, string? Connector, string? Description);
