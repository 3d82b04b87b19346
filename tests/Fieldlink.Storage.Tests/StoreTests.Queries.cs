using Fieldlink.Core.Devices;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Storage.Tests;

/// <summary>Times are compared and ordered as instants in SQL, whatever offset they were written with.</summary>
public abstract partial class StoreTests
{
    /// <summary>
    /// Devices whose last activity is, as instants, in name order; written with mixed offsets so that local clock
    /// time and text order both disagree with the order of the instants.
    /// </summary>
    private async Task<Guid> AddDevicesActiveAtAsync()
    {
        var instance = await AddInstanceAsync();
        var times = new (string DeviceId, DateTimeOffset? At)[]
        {
            ("a", new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero)),
            ("b", new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(9))),     // 00:00Z
            ("c", new DateTimeOffset(2026, 1, 1, 0, 0, 0, 1, TimeSpan.Zero)),          // 00:00:00.001Z
            ("d", new DateTimeOffset(2025, 12, 31, 19, 30, 0, TimeSpan.FromHours(-5))), // 00:30Z
            ("e", new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero)),
            ("f", null),
        };
        await AddAsync([.. times.Select(t => new Device { Name = t.DeviceId, DeviceId = t.DeviceId, ProviderInstanceId = instance.Id, LastActivityAt = t.At })]);
        return instance.Id;
    }

    [Fact]
    public async Task DateTimeOffset_order_by_sorts_by_instant()
    {
        await AddDevicesActiveAtAsync();
        await using var db = NewContext();

        var ascending = await db.Devices.Where(d => d.LastActivityAt != null).OrderBy(d => d.LastActivityAt).Select(d => d.DeviceId).ToListAsync();
        var descending = await db.Devices.Where(d => d.LastActivityAt != null).OrderByDescending(d => d.LastActivityAt).Select(d => d.DeviceId).ToListAsync();

        Assert.Equal(["a", "b", "c", "d", "e"], ascending);
        Assert.Equal(["e", "d", "c", "b", "a"], descending);
    }

    [Fact]
    public async Task DateTimeOffset_comparison_in_where_compares_instants()
    {
        await AddDevicesActiveAtAsync();
        await using var db = NewContext();
        var midnightUtc = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var midnightUtcInBerlin = new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.FromHours(1));

        var after = await db.Devices.Where(d => d.LastActivityAt > midnightUtc).OrderBy(d => d.DeviceId).Select(d => d.DeviceId).ToListAsync();
        var atOrAfterGivenInBerlin = await db.Devices.Where(d => d.LastActivityAt >= midnightUtcInBerlin).OrderBy(d => d.DeviceId).Select(d => d.DeviceId).ToListAsync();
        var at = await db.Devices.Where(d => d.LastActivityAt == midnightUtcInBerlin).Select(d => d.DeviceId).ToListAsync();
        var between = await db.Devices
            .Where(d => d.LastActivityAt >= midnightUtc.AddMinutes(-1) && d.LastActivityAt < midnightUtc.AddMinutes(30))
            .OrderBy(d => d.DeviceId).Select(d => d.DeviceId).ToListAsync();

        Assert.Equal(["c", "d", "e"], after);
        Assert.Equal(["b", "c", "d", "e"], atOrAfterGivenInBerlin);
        Assert.Equal(["b"], at);
        Assert.Equal(["a", "b", "c"], between);
    }

    [Fact]
    public async Task DateTimeOffset_max_and_min_return_the_latest_and_earliest_instants()
    {
        var instanceId = await AddDevicesActiveAtAsync();
        await using var db = NewContext();

        var latest = await db.Devices.Where(d => d.ProviderInstanceId == instanceId).MaxAsync(d => d.LastActivityAt);
        var earliest = await db.Devices.Where(d => d.ProviderInstanceId == instanceId).MinAsync(d => d.LastActivityAt);

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero), latest);
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero), earliest);
    }

    [Fact]
    public async Task DateTimeOffset_written_with_an_offset_reads_back_as_the_same_instant()
    {
        await AddDevicesActiveAtAsync();

        await using var db = NewContext();
        var b = await db.Devices.AsNoTracking().SingleAsync(d => d.DeviceId == "b");

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks, b.LastActivityAt!.Value.UtcTicks);
    }
}
