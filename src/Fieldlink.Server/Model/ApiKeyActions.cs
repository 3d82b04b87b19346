using System.Security.Claims;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Server.Api.Keys;
using Fieldlink.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Model;

/// <summary>
/// What the API keys page reads and does: the keys, the provider instances an Endpoint key may be bound to, the making of
/// a key through <see cref="ApiKeyIssuing"/> (the API's checks) and its revoking through <see cref="ApiKeyStore"/>. Each
/// action asks first whether its person is an Administrator, so one sent from a stale page is refused, not done.
/// </summary>
public sealed class ApiKeyActions(IServiceScopeFactory scopes)
{
    /// <summary>Every key, oldest first, active and revoked (the list tells who had access).</summary>
    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().ListAsync(ct);
        var instances = await InstanceNamesAsync(scope.ServiceProvider, ct);
        return [.. keys.Select(k => new ApiKeyRow(
            k.Id, k.Name, k.Role, k.Prefix, k.ProviderInstanceId,
            k.ProviderInstanceId is { } instance ? instances.GetValueOrDefault(instance) : null,
            k.CreatedAt, k.LastUsedAt, k.RevokedAt))];
    }

    /// <summary>The provider instances by name, for an Endpoint key's picker.</summary>
    public async Task<IReadOnlyList<NamedRecord>> InstancesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        return await db.ProviderInstances.AsNoTracking().OrderBy(i => i.Name).Select(i => new NamedRecord(i.Id, i.Name)).ToListAsync(ct);
    }

    /// <summary>Makes a key: its secret is in the answer, this once; or the errors by field (<c>name</c>, <c>role</c>, <c>providerInstanceId</c>).</summary>
    public async Task<ApiKeyIssue> CreateAsync(ClaimsPrincipal person, ApiKeyWrite write, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayAdministerAsync(scope.ServiceProvider, person))
        {
            return new ApiKeyIssue(null, null, new Dictionary<string, string[]> { [PersonChange.WholeForm] = [PersonCheck.AdministratorsOnly] });
        }

        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        return await ApiKeyIssuing.CreateAsync(write, db, scope.ServiceProvider.GetRequiredService<ApiKeyStore>(), ct);
    }

    /// <summary>Revokes a key: requests with it are refused (401) from then on. The key stays listed, revoked.</summary>
    public async Task<ActionReply> RevokeAsync(ClaimsPrincipal person, Guid keyId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!await PersonCheck.MayAdministerAsync(scope.ServiceProvider, person))
        {
            return ActionReply.Refused(PersonCheck.AdministratorsOnly);
        }

        return await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().RevokeAsync(keyId.ToString(), ct)
            ? ActionReply.Done("The key is revoked: requests with it are refused from now on.", keyId)
            : ActionReply.Refused("This API key no longer exists.");
    }

    private static async Task<Dictionary<Guid, string>> InstanceNamesAsync(IServiceProvider services, CancellationToken ct) =>
        await services.GetRequiredService<FieldlinkDbContext>().ProviderInstances.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, ct);
}
