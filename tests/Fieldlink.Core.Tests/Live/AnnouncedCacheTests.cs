using Fieldlink.Core.Actions;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Live;
using Fieldlink.Core.Providers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fieldlink.Core.Tests.Live;

/// <summary>
/// What a cache keeps from the store is used until a write of its kinds is announced or it grows old, and a read that a
/// change overtook is not kept; the command dispatcher's targets are kept that way.
/// </summary>
public sealed class AnnouncedCacheTests : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ChangeFeed _feed = new(NullLogger<ChangeFeed>.Instance);
    private readonly AnnouncedCache<string, int> _cache;

    public AnnouncedCacheTests() => _cache = new(_feed, _time, MaxAge, 3, [RecordKind.Device, RecordKind.Provider]);

    public void Dispose() => _cache.Dispose();

    [Fact]
    public void A_kept_value_is_used_until_a_write_of_its_kinds_is_announced()
    {
        _cache.Keep(_cache.BeginRead(), [KeyValuePair.Create("a", 1)]);
        Assert.True(_cache.TryGet("a", _cache.BeginRead(), out var value));
        Assert.Equal(1, value);

        _feed.Publish([new RecordChange(RecordKind.Alert, Guid.NewGuid(), null), new RecordChange(RecordKind.ProviderInstance, Guid.NewGuid(), null)]);
        Assert.True(_cache.TryGet("a", _cache.BeginRead(), out _));

        _feed.Publish([RecordChange.Any(RecordKind.Provider)]);
        Assert.False(_cache.TryGet("a", _cache.BeginRead(), out _));
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public void A_read_that_a_change_overtook_is_not_kept()
    {
        var read = _cache.BeginRead();
        _feed.Publish([new RecordChange(RecordKind.Device, Guid.NewGuid(), null)]);
        _cache.Keep(read, [KeyValuePair.Create("a", 1)]);

        Assert.False(_cache.TryGet("a", _cache.BeginRead(), out _));
    }

    [Fact]
    public void A_value_older_than_the_max_age_is_read_again()
    {
        _cache.Keep(_cache.BeginRead(), [KeyValuePair.Create("a", 1)]);
        _time.Advance(MaxAge - TimeSpan.FromMilliseconds(1));
        Assert.True(_cache.TryGet("a", _cache.BeginRead(), out _));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(_cache.TryGet("a", _cache.BeginRead(), out _));
    }

    [Fact]
    public void Past_its_most_entries_the_cache_starts_afresh_and_a_forgotten_entry_is_read_again()
    {
        _cache.Keep(_cache.BeginRead(), [KeyValuePair.Create("a", 1), KeyValuePair.Create("b", 2), KeyValuePair.Create("c", 3)]);
        Assert.Equal(3, _cache.Count);
        _cache.Keep(_cache.BeginRead(), [KeyValuePair.Create("d", 4)]);
        Assert.Equal(1, _cache.Count);
        Assert.True(_cache.TryGet("d", _cache.BeginRead(), out _));

        _cache.Forget("d");
        Assert.False(_cache.TryGet("d", _cache.BeginRead(), out _));
    }

    [Fact]
    public async Task The_dispatchers_targets_are_read_once_until_a_device_instance_or_provider_is_written()
    {
        using var targets = new ActionTargetCache(_feed, _time);
        var provider = new Provider { Id = Guid.NewGuid(), Name = "Acme", Connector = "simulator" };
        var instance = new ProviderInstance { Id = Guid.NewGuid(), ProviderId = provider.Id, Name = "Acme EU" };
        var known = new Device { Id = Guid.NewGuid(), Name = "Chiller", DeviceId = "ch-1", ProviderInstanceId = instance.Id };
        var reads = new List<Guid[]>();
        Task<List<ActionTarget>> Read(IReadOnlyCollection<Guid> ids, CancellationToken ct)
        {
            reads.Add([.. ids]);
            return Task.FromResult(ids.Where(id => id == known.Id).Select(_ => new ActionTarget(known, instance, provider)).ToList());
        }

        var missing = Guid.NewGuid();
        Assert.Single(await targets.ResolveAsync([known.Id, missing], Read, CancellationToken.None));
        var again = Assert.Single(await targets.ResolveAsync([known.Id, missing], Read, CancellationToken.None));
        Assert.Same(known, again.Device);
        Assert.Equal([[known.Id, missing], [missing]], reads);

        foreach (var kind in new[] { RecordKind.Device, RecordKind.ProviderInstance, RecordKind.Provider })
        {
            reads.Clear();
            _feed.Publish([new RecordChange(kind, Guid.NewGuid(), null)]);
            Assert.Single(await targets.ResolveAsync([known.Id], Read, CancellationToken.None));
            Assert.Equal([[known.Id]], reads);
        }
    }
}
