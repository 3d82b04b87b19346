using Fieldlink.Core.Auth;

namespace Fieldlink.Server.Model;

/// <summary>
/// An API key as the API keys page lists it: its prefix tells keys apart, never its secret (not stored). An Endpoint
/// key names its provider instance. Its last use (to the minute) tells a key still in use from one nobody needs.
/// </summary>
public sealed record ApiKeyRow(
    Guid Id,
    string Name,
    ApiKeyRole Role,
    string Prefix,
    Guid? ProviderInstanceId,
    string? ProviderInstance,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);
