using Fieldlink.Core.Auth;

namespace Fieldlink.Storage.Tests;

/// <summary>
/// An API key's last use, on the fake clock: written on first use, then not again until it is a minute old, and of
/// requests that all read the same old time only one writes it.
/// </summary>
public abstract partial class StoreTests
{
    [Fact]
    public async Task ApiKey_use_is_recorded_to_the_minute()
    {
        var (id, secret) = await NewApiKeyAsync();

        Assert.True(await RecordUseAsync(secret));
        Assert.Equal(Start, (await ReloadAsync<ApiKey>(id)).LastUsedAt);

        Time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(await RecordUseAsync(secret));
        Assert.Equal(Start, (await ReloadAsync<ApiKey>(id)).LastUsedAt);

        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await RecordUseAsync(secret));
        Assert.Equal(Start + ApiKeyStore.UseResolution, (await ReloadAsync<ApiKey>(id)).LastUsedAt);
    }

    [Fact]
    public async Task ApiKey_use_read_stale_by_two_requests_is_written_once()
    {
        var (id, secret) = await NewApiKeyAsync();
        await using var first = NewContext();
        await using var second = NewContext();
        var firstStore = new ApiKeyStore(first, Time);
        var secondStore = new ApiKeyStore(second, Time);
        var readByFirst = await firstStore.FindActiveAsync(secret, CancellationToken.None);
        var readBySecond = await secondStore.FindActiveAsync(secret, CancellationToken.None);

        Assert.True(await firstStore.RecordUseAsync(readByFirst!, CancellationToken.None));
        Assert.False(await secondStore.RecordUseAsync(readBySecond!, CancellationToken.None));
        Assert.Equal(Start, (await ReloadAsync<ApiKey>(id)).LastUsedAt);
    }

    private async Task<(Guid Id, string Secret)> NewApiKeyAsync()
    {
        await using var db = NewContext();
        var (key, secret) = await new ApiKeyStore(db, Time).CreateAsync("console", ApiKeyRole.Dispatcher, null, CancellationToken.None);
        Assert.Null(key.LastUsedAt);
        return (key.Id, secret);
    }

    /// <summary>What authentication does on a request: reads the key, then records its use.</summary>
    private async Task<bool> RecordUseAsync(string secret)
    {
        await using var db = NewContext();
        var store = new ApiKeyStore(db, Time);
        var key = await store.FindActiveAsync(secret, CancellationToken.None);
        return await store.RecordUseAsync(key!, CancellationToken.None);
    }
}
