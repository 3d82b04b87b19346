using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Storage.Tests;

/// <summary>
/// The database, not the code in front of it, enforces uniqueness and references, and <c>Classify</c> names
/// each refusal so the API can answer 409 instead of 500.
/// </summary>
public abstract partial class StoreTests
{
    [Fact]
    public async Task Provider_with_a_taken_name_is_a_unique_violation()
    {
        await AddAsync(new Provider { Name = "Acme Cloud", Connector = "mqtt" });

        var error = await RefusedAsync(db => db.Providers.Add(new Provider { Name = "Acme Cloud", Connector = "http" }));

        Assert.Equal(StoreError.UniqueViolation, error);
    }

    [Fact]
    public async Task Device_with_a_deviceId_taken_in_its_instance_is_a_unique_violation()
    {
        var instance = await AddInstanceAsync();
        await AddAsync(NewDevice(instance, "thermo-1"));

        var error = await RefusedAsync(db => db.Devices.Add(NewDevice(instance, "thermo-1")));

        Assert.Equal(StoreError.UniqueViolation, error);
    }

    [Fact]
    public async Task Device_with_a_deviceId_taken_in_another_instance_is_saved()
    {
        var first = await AddInstanceAsync("Acme Cloud", "Acme EU");
        var second = await AddInstanceAsync("Globex", "Globex US");
        await AddAsync(NewDevice(first, "thermo-1"));

        await AddAsync(NewDevice(second, "thermo-1"));

        await using var db = NewContext();
        var instances = await db.Devices.Where(d => d.DeviceId == "thermo-1").Select(d => d.ProviderInstanceId).ToListAsync();
        Assert.Equal(new[] { first.Id, second.Id }.Order(), instances.Order());
    }

    [Fact]
    public async Task ApiKey_with_a_taken_hash_is_a_unique_violation()
    {
        var hash = ApiKeySecret.Hash(ApiKeySecret.Generate());
        await AddAsync(new ApiKey { Name = "first", Prefix = "flk_aaaaaaaa", Hash = hash });

        var error = await RefusedAsync(db => db.ApiKeys.Add(new ApiKey { Name = "second", Prefix = "flk_bbbbbbbb", Hash = hash }));

        Assert.Equal(StoreError.UniqueViolation, error);
    }

    /// <summary>Several processes may create the settings row at once; the loser must see a unique violation.</summary>
    [Fact]
    public async Task IoTSettings_second_row_with_the_singleton_id_is_a_unique_violation()
    {
        await AddAsync(new IoTSettings { Id = IoTSettings.SingletonId });

        var error = await RefusedAsync(db => db.Settings.Add(new IoTSettings { Id = IoTSettings.SingletonId }));

        Assert.Equal(StoreError.UniqueViolation, error);
    }

    [Fact]
    public async Task Provider_with_instances_cannot_be_deleted_a_foreign_key_violation()
    {
        var instance = await AddInstanceAsync();

        var error = await DeleteRefusedAsync<Provider>(instance.ProviderId);

        Assert.Equal(StoreError.ForeignKeyViolation, error);
        await using var db = NewContext();
        Assert.True(await db.Providers.AnyAsync(p => p.Id == instance.ProviderId));
        Assert.True(await db.ProviderInstances.AnyAsync(i => i.Id == instance.Id));
    }

    [Fact]
    public async Task Provider_without_instances_is_deleted()
    {
        var instance = await AddInstanceAsync();

        await using (var db = NewContext())
        {
            db.ProviderInstances.Remove(await db.ProviderInstances.SingleAsync(i => i.Id == instance.Id));
            db.Providers.Remove(await db.Providers.SingleAsync(p => p.Id == instance.ProviderId));
            await db.SaveChangesAsync();
        }

        await using var check = NewContext();
        Assert.False(await check.Providers.AnyAsync());
    }

    [Fact]
    public async Task ProviderInstance_with_devices_cannot_be_deleted_a_foreign_key_violation()
    {
        var instance = await AddInstanceAsync();
        var device = NewDevice(instance, "thermo-1");
        await AddAsync(device);

        var error = await DeleteRefusedAsync<ProviderInstance>(instance.Id);

        Assert.Equal(StoreError.ForeignKeyViolation, error);
        await using var db = NewContext();
        Assert.True(await db.ProviderInstances.AnyAsync(i => i.Id == instance.Id));
        Assert.True(await db.Devices.AnyAsync(d => d.Id == device.Id));
    }

    [Fact]
    public async Task Device_in_a_missing_instance_is_a_foreign_key_violation()
    {
        var nowhere = new ProviderInstance { Id = Guid.NewGuid(), Name = "never saved" };

        var error = await RefusedAsync(db => db.Devices.Add(NewDevice(nowhere, "thermo-1")));

        Assert.Equal(StoreError.ForeignKeyViolation, error);
    }

    [Fact]
    public async Task DeviceCategory_with_a_taken_name_is_a_unique_violation()
    {
        await AddAsync(new DeviceCategory { Name = "Chiller" });

        var error = await RefusedAsync(db => db.DeviceCategories.Add(new DeviceCategory { Name = "Chiller" }));

        Assert.Equal(StoreError.UniqueViolation, error);
    }

    [Fact]
    public async Task DeviceCategory_in_use_cannot_be_deleted_a_foreign_key_violation()
    {
        var instance = await AddInstanceAsync();
        var category = new DeviceCategory { Id = Guid.NewGuid(), Name = "Chiller" };
        var device = NewDevice(instance, "thermo-1");
        device.CategoryId = category.Id;
        await AddAsync(category, device);

        var error = await DeleteRefusedAsync<DeviceCategory>(category.Id);

        Assert.Equal(StoreError.ForeignKeyViolation, error);
    }
}
