using Fieldlink.Core.Data;

namespace Fieldlink.Core.Auth;

/// <summary>An API key. Only a SHA-256 hash of the secret is stored; the secret is shown once, at creation.</summary>
public sealed class ApiKey : Entity
{
    public required string Name { get; set; }

    public ApiKeyRole Role { get; set; }

    /// <summary>For <see cref="ApiKeyRole.Endpoint"/> keys: the one provider instance the key may ingest for.</summary>
    public Guid? ProviderInstanceId { get; set; }

    /// <summary>The key's first characters, enough to tell keys apart in a list.</summary>
    public required string Prefix { get; set; }

    public required string Hash { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
