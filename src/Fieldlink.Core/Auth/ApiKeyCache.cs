using Fieldlink.Core.Live;

namespace Fieldlink.Core.Auth;

/// <summary>
/// The active API keys this process has recently found, by hash, so a request costs no look-up of its key, and the
/// time of each key's last use it wrote, so a request costs no write either. Measured, the two were a round trip each
/// of every small ingestion request.
/// </summary>
/// <remarks>
/// <para>
/// A key that is revoked or changed must stop working at once, so the cache forgets every key whenever a key change is
/// announced (<see cref="RecordKind.ApiKey"/>, which every SaveChanges of a key announces): in this process as the
/// change commits, in the others on PostgreSQL when its notification arrives, and everywhere when the notifications
/// may have been missed (<see cref="LiveChanges.Resume"/>). A look-up under way when a change is announced does not
/// store what it read, since it may have read the key from before the change. On a store whose changes do not reach
/// other processes (SQLite, where <c>fieldlink keys revoke</c> runs beside the server) nothing is remembered: every
/// request looks its key up, in the local file. Where an announcement could still be missed (SQL run by hand), no
/// entry is used longer than <see cref="MaxAge"/> after its read began.
/// </para>
/// <para>Keys that are not found are not remembered: a guessed key costs a look-up, as before, and no memory. One per process; thread-safe.</para>
/// </remarks>
public sealed class ApiKeyCache : IDisposable
{
    /// <summary>The longest an entry is used without reading the key again: the bound on a revocation that no announcement reached.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    /// <summary>Past this many keys the cache starts afresh.</summary>
    public const int MaxEntries = 100_000;

    private readonly TimeProvider _time;
    private readonly AnnouncedCache<string, KnownKey> _keys;

    public ApiKeyCache(ChangeFeed changes, TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _keys = new(changes, time, MaxAge, MaxEntries, [RecordKind.ApiKey], StringComparer.Ordinal);
    }

    /// <summary>How many keys are remembered.</summary>
    public int Count => _keys.Count;

    /// <summary>The active key with this secret, from memory when read less than <see cref="MaxAge"/> ago and unchanged since, else from <paramref name="store"/>.</summary>
    public async Task<ApiKey?> FindActiveAsync(string secret, ApiKeyStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var hash = ApiKeySecret.Hash(secret);
        if (!store.ChangesReachOtherProcesses)
        {
            return await store.FindActiveByHashAsync(hash, cancellationToken);
        }

        var read = _keys.BeginRead();
        if (_keys.TryGet(hash, read, out var known))
        {
            return known.Key;
        }

        var key = await store.FindActiveByHashAsync(hash, cancellationToken);
        if (key is null)
        {
            _keys.Forget(hash);
            return null;
        }

        // The use written before stays known: the key's row says so too, but this process need not ask.
        var written = _keys.TryPeek(hash, out var earlier) && earlier.Key.Id == key.Id ? Interlocked.Read(ref earlier.UseWrittenAt) : 0;
        _keys.Keep(read, [KeyValuePair.Create(hash, new KnownKey(key) { UseWrittenAt = written })]);
        return key;
    }

    /// <summary>
    /// Records the use of <paramref name="key"/> (found by <see cref="FindActiveAsync"/> with <paramref name="secret"/>)
    /// through <see cref="ApiKeyStore.RecordUseAsync"/>, unless this process wrote or read a use less than
    /// <see cref="ApiKeyStore.UseResolution"/> ago.
    /// </summary>
    public async Task RecordUseAsync(string secret, ApiKey key, ApiKeyStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(store);
        var now = _time.GetUtcNow();
        var entry = _keys.TryPeek(ApiKeySecret.Hash(secret), out var known) ? known : null;
        var written = Math.Max(entry is null ? 0 : Interlocked.Read(ref entry.UseWrittenAt), key.LastUsedAt?.UtcTicks ?? 0);
        if (written > (now - ApiKeyStore.UseResolution).UtcTicks)
        {
            return;
        }

        // Noted before the write, so concurrent requests of the key do not all try it; a write that fails is tried
        // again a resolution later, which the last use's precision allows.
        if (entry is not null)
        {
            Interlocked.Exchange(ref entry.UseWrittenAt, now.UtcTicks);
        }

        await store.RecordUseAsync(key, cancellationToken);
    }

    public void Dispose() => _keys.Dispose();

    private sealed class KnownKey(ApiKey key)
    {
        public ApiKey Key { get; } = key;

        /// <summary>The UTC ticks of the last use this process wrote or read; read and written with <see cref="Interlocked"/>.</summary>
        public long UseWrittenAt;
    }
}
