using Fieldlink.Core.Assets;
using Fieldlink.Core.Devices;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Storage.Tests;

/// <summary>
/// Every write moves <c>Version</c> on and stamps the time; a write based on an older version is refused, which
/// is what makes the API's ETags and <c>If-Match</c> safe when two clients edit the same record.
/// </summary>
public abstract partial class StoreTests
{
    [Fact]
    public async Task Update_from_a_stale_version_throws_DbUpdateConcurrencyException()
    {
        var account = new Account { Name = "Contoso" };
        await AddAsync(account);
        await using var first = NewContext();
        await using var second = NewContext();
        var firstCopy = await first.Accounts.SingleAsync(a => a.Id == account.Id);
        var secondCopy = await second.Accounts.SingleAsync(a => a.Id == account.Id);
        firstCopy.Name = "Contoso Ltd";
        await first.SaveChangesAsync();

        secondCopy.Name = "Contoso GmbH";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.Equal("Contoso Ltd", (await ReloadAsync<Account>(account.Id)).Name);
    }

    [Fact]
    public async Task Delete_from_a_stale_version_throws_DbUpdateConcurrencyException()
    {
        var account = new Account { Name = "Contoso" };
        await AddAsync(account);
        await using var first = NewContext();
        await using var second = NewContext();
        var firstCopy = await first.Accounts.SingleAsync(a => a.Id == account.Id);
        var secondCopy = await second.Accounts.SingleAsync(a => a.Id == account.Id);
        firstCopy.Phone = "+49 30 1234";
        await first.SaveChangesAsync();

        second.Accounts.Remove(secondCopy);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.Equal("+49 30 1234", (await ReloadAsync<Account>(account.Id)).Phone);
    }

    /// <summary>The API sets the version an <c>If-Match</c> names as the original value; an old one must not match.</summary>
    [Fact]
    public async Task Update_with_an_expected_version_that_is_not_current_throws_DbUpdateConcurrencyException()
    {
        var account = new Account { Name = "Contoso" };
        await AddAsync(account);
        await using (var db = NewContext())
        {
            (await db.Accounts.SingleAsync(a => a.Id == account.Id)).Name = "Contoso Ltd";
            await db.SaveChangesAsync();
        }

        await using var stale = NewContext();
        var tracked = await stale.Accounts.SingleAsync(a => a.Id == account.Id);
        stale.Entry(tracked).Property(a => a.Version).OriginalValue = 1;
        tracked.Name = "Contoso GmbH";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
    }

    [Fact]
    public async Task Version_increments_on_each_save_that_changes_the_record()
    {
        var account = new Account { Name = "Contoso" };
        await AddAsync(account);
        var versions = new List<long> { (await ReloadAsync<Account>(account.Id)).Version };

        await using (var db = NewContext())
        {
            var tracked = await db.Accounts.SingleAsync(a => a.Id == account.Id);
            tracked.Name = "Contoso Ltd";
            await db.SaveChangesAsync();
            versions.Add((await ReloadAsync<Account>(account.Id)).Version);
            tracked.Email = "ops@contoso.example";
            await db.SaveChangesAsync();
            versions.Add((await ReloadAsync<Account>(account.Id)).Version);
            await db.SaveChangesAsync();
            versions.Add((await ReloadAsync<Account>(account.Id)).Version);
        }

        Assert.Equal([1, 2, 3, 3], versions);
    }

    [Fact]
    public async Task Version_increments_when_only_the_tags_change()
    {
        var instance = await AddInstanceAsync();
        var device = NewDevice(instance, "thermo-1");
        await AddAsync(device);

        await using (var db = NewContext())
        {
            (await db.Devices.SingleAsync(d => d.Id == device.Id)).Tags.Add("roof");
            await db.SaveChangesAsync();
        }

        Assert.Equal(2, (await ReloadAsync<Device>(device.Id)).Version);
    }

    [Fact]
    public async Task Version_and_UpdatedAt_move_when_only_the_measures_change()
    {
        var category = new DeviceCategory { Name = "Chiller", Measures = [new Measure { Name = "temperature" }] };
        await AddAsync(category);
        Time.Advance(TimeSpan.FromMinutes(1));

        await using (var db = NewContext())
        {
            (await db.DeviceCategories.SingleAsync(c => c.Id == category.Id)).Measures[0].Unit = "°C";
            await db.SaveChangesAsync();
        }

        Time.Advance(TimeSpan.FromMinutes(1));
        await using (var db = NewContext())
        {
            (await db.DeviceCategories.SingleAsync(c => c.Id == category.Id)).Measures = [new Measure { Name = "pressure" }];
            await db.SaveChangesAsync();
        }

        var stored = await ReloadAsync<DeviceCategory>(category.Id);
        Assert.Equal(3, stored.Version);
        Assert.Equal(Start.AddMinutes(2), stored.UpdatedAt);
    }

    /// <summary>Measures are stored inside the category's row, so a stale edit of them is a stale edit of the category.</summary>
    [Fact]
    public async Task Measures_update_from_a_stale_version_throws_DbUpdateConcurrencyException()
    {
        var category = new DeviceCategory { Name = "Chiller", Measures = [new Measure { Name = "temperature" }] };
        await AddAsync(category);
        await using var first = NewContext();
        await using var second = NewContext();
        var firstCopy = await first.DeviceCategories.SingleAsync(c => c.Id == category.Id);
        var secondCopy = await second.DeviceCategories.SingleAsync(c => c.Id == category.Id);
        firstCopy.Measures[0].Unit = "°C";
        await first.SaveChangesAsync();

        secondCopy.Measures[0].Unit = "K";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.Equal("°C", (await ReloadAsync<DeviceCategory>(category.Id)).Measures[0].Unit);
    }

    [Fact]
    public async Task CreatedAt_and_UpdatedAt_are_stamped_from_the_time_provider()
    {
        var account = new Account { Name = "Contoso" };
        await AddAsync(account);
        var created = await ReloadAsync<Account>(account.Id);

        Time.Advance(TimeSpan.FromMinutes(5));
        await using (var db = NewContext())
        {
            (await db.Accounts.SingleAsync(a => a.Id == account.Id)).Name = "Contoso Ltd";
            await db.SaveChangesAsync();
        }

        var updated = await ReloadAsync<Account>(account.Id);
        Assert.Equal((Start, Start), (created.CreatedAt, created.UpdatedAt));
        Assert.Equal((Start, Start.AddMinutes(5)), (updated.CreatedAt, updated.UpdatedAt));
    }

    [Fact]
    public async Task Added_entity_without_an_id_gets_a_version_7_guid()
    {
        var first = new Account { Name = "Contoso" };
        var second = new Account { Name = "Fabrikam" };
        await AddAsync(first, second);

        Assert.Equal(7, first.Id.Version);
        Assert.Equal(7, second.Id.Version);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(first.Id, (await ReloadAsync<Account>(first.Id)).Id);
    }
}
