using Fieldlink.Core.Auth;

namespace Fieldlink.Server.Api.Keys;

/// <summary>
/// What creating an API key came to, without HTTP: the key and its secret (which exists only here, never stored), or the
/// field errors of its validation. The API answers it as 201 or 400; the API keys page shows the secret once or the
/// errors on their fields.
/// </summary>
public sealed record ApiKeyIssue(ApiKey? Key, string? Secret, IReadOnlyDictionary<string, string[]>? Errors)
{
    public bool Succeeded => Key is not null && Secret is not null;
}
