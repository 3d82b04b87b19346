using Fieldlink.Core.Auth;

namespace Fieldlink.Server.Api.Keys;

/// <summary>
/// An API key as the API shows it: never its secret, which only the answer to its creation holds. <see cref="LastUsedAt"/>
/// is the last request made with it, to the minute (<see cref="ApiKeyStore.UseResolution"/>); null when it was never used.
/// </summary>
public sealed record ApiKeyRead(
    Guid Id,
    string Name,
    ApiKeyRole Role,
    Guid? ProviderInstanceId,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);
