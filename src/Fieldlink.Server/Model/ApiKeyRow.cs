using Fieldlink.Core.Auth;

namespace Fieldlink.Server.Model;

/// <summary>
/// An API key as the API keys page lists it: its prefix tells keys apart, never its secret (not stored). An Endpoint
/// key names its provider instance. The key's last use is not listed: requests do not record it (<see cref="ApiKey.LastUsedAt"/>
/// stays empty), and an always-empty column would mislead.
/// </summary>
public sealed record ApiKeyRow(
    Guid Id,
    string Name,
    ApiKeyRole Role,
    string Prefix,
    Guid? ProviderInstanceId,
    string? ProviderInstance,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);
