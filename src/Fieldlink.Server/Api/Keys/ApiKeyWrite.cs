using Fieldlink.Core.Auth;

namespace Fieldlink.Server.Api.Keys;

/// <summary>The writable fields of an API key. An Endpoint key names the provider instance it ingests for.</summary>
public sealed record ApiKeyWrite(string? Name, ApiKeyRole? Role, Guid? ProviderInstanceId);
