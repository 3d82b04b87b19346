using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Core.Auth;

/// <summary>Creates, finds, lists and revokes API keys, and records their use. Used by the API, the CLI and authentication alike.</summary>
public sealed class ApiKeyStore(FieldlinkDbContext db, TimeProvider time)
{
    /// <summary>
    /// How far a key's last use may lag behind the truth: a use is written once the stored one is this old, so a key
    /// that sends thousands of requests a minute costs one UPDATE a minute, not one per request.
    /// </summary>
    public static readonly TimeSpan UseResolution = TimeSpan.FromMinutes(1);

    /// <summary>Creates a key and returns it with its secret, which is not stored and cannot be shown again.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, ApiKeyRole role, Guid? providerInstanceId, CancellationToken cancellationToken)
    {
        var secret = ApiKeySecret.Generate();
        var key = new ApiKey
        {
            Name = name,
            Role = role,
            ProviderInstanceId = providerInstanceId,
            Prefix = ApiKeySecret.PrefixOf(secret),
            Hash = ApiKeySecret.Hash(secret),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return (key, secret);
    }

    /// <summary>
    /// Whether a change of a key written by any process reaches every other process on this store as it commits
    /// (PostgreSQL's notifications), so that a process may remember keys (<see cref="ApiKeyCache"/>). Not on SQLite:
    /// <c>fieldlink keys revoke</c> is a second process on the file that no running server hears from.
    /// </summary>
    public bool ChangesReachOtherProcesses => db.ChangeNotices.Sends;

    /// <summary>The active key with this secret, or null.</summary>
    public Task<ApiKey?> FindActiveAsync(string secret, CancellationToken cancellationToken) =>
        FindActiveByHashAsync(ApiKeySecret.Hash(secret), cancellationToken);

    /// <summary>The active key whose secret has this hash (<see cref="ApiKeySecret.Hash"/>), or null.</summary>
    public Task<ApiKey?> FindActiveByHashAsync(string hash, CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, cancellationToken);

    /// <summary>
    /// Records that <paramref name="key"/> (as <see cref="FindActiveAsync"/> read it) was just used, when its stored last
    /// use is older than <see cref="UseResolution"/>. The UPDATE repeats the condition, so of the requests that all read
    /// an old time, one moves it and the others change nothing. True when this call wrote it.
    /// </summary>
    public async Task<bool> RecordUseAsync(ApiKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = time.GetUtcNow();
        var staleBefore = now - UseResolution;
        if (key.LastUsedAt is { } last && last > staleBefore)
        {
            return false;
        }

        var written = await db.ApiKeys
            .Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= staleBefore))
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        return written == 1;
    }

    public Task<List<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(cancellationToken);

    /// <summary>Revokes the key with this id or prefix; false when there is none (or more than one with that prefix).</summary>
    public async Task<bool> RevokeAsync(string idOrPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idOrPrefix);
        var matches = Guid.TryParse(idOrPrefix, out var id)
            ? await db.ApiKeys.Where(k => k.Id == id).ToListAsync(cancellationToken)
            : await db.ApiKeys.Where(k => k.Prefix == idOrPrefix).ToListAsync(cancellationToken);
        if (matches.Count != 1)
        {
            return false;
        }

        matches[0].RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Makes sure an active Administrator key with this secret exists (<c>FIELDLINK_ADMIN_KEY</c>), so an operator
    /// can script a fresh installation without reading a key from the console.
    /// </summary>
    public async Task EnsureAdministratorAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = ApiKeySecret.Hash(secret);
        var existing = await db.ApiKeys.FirstOrDefaultAsync(k => k.Hash == hash, cancellationToken);
        if (existing is null)
        {
            db.ApiKeys.Add(new ApiKey
            {
                Name = "FIELDLINK_ADMIN_KEY",
                Role = ApiKeyRole.Administrator,
                Prefix = ApiKeySecret.PrefixOf(secret),
                Hash = hash,
            });
        }
        else
        {
            existing.Role = ApiKeyRole.Administrator;
            existing.ProviderInstanceId = null;
            existing.RevokedAt = null;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
