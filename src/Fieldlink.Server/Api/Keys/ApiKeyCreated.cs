using Fieldlink.Core.Auth;

namespace Fieldlink.Server.Api.Keys;

/// <summary>The answer to creating an API key: the key itself, shown this once.</summary>
public sealed record ApiKeyCreated(
    Guid Id,
    string Name,
    ApiKeyRole Role,
    Guid? ProviderInstanceId,
    string Prefix,
    DateTimeOffset CreatedAt,
    string Key);
