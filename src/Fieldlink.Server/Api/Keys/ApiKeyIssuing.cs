using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Problems;

namespace Fieldlink.Server.Api.Keys;

/// <summary>
/// The steps of making an API key that do not depend on HTTP — the checks of <see cref="ApiKeyResource"/> (a role, an
/// Endpoint key's existing provider instance) and the making of its secret by <see cref="ApiKeyStore"/> — shared by
/// <c>POST /api/v1/apiKeys</c> and the API keys page, so a key made in the browser is checked exactly as one posted.
/// </summary>
public static class ApiKeyIssuing
{
    private static readonly ApiKeyResource Resource = new();

    public static async Task<ApiKeyIssue> CreateAsync(ApiKeyWrite write, FieldlinkDbContext db, ApiKeyStore keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(keys);
        var errors = new FieldErrors();
        await Resource.ValidateAsync(write, null, errors, db, ct);
        if (!errors.IsEmpty)
        {
            return new ApiKeyIssue(null, null, errors.ToDictionary());
        }

        var (key, secret) = await keys.CreateAsync(write.Name!.Trim(), write.Role!.Value, write.ProviderInstanceId, ct);
        return new ApiKeyIssue(key, secret, null);
    }
}
