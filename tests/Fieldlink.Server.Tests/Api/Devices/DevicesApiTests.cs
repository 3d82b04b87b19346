using System.Net;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Devices;

/// <summary>Devices: ids unique per instance, time zones, defaults and references, on both databases.</summary>
public abstract class DevicesApiTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_new_device_is_Unknown_and_Connected_state_Unknown()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());

        Assert.Equal("Unknown", (string)device["registrationStatus"]!);
        Assert.Equal("Unknown", (string)device["connectionState"]!);
        Assert.False((bool)device["simulated"]!);
        Assert.Empty(device["reportedProperties"]!.AsObject());
    }

    [Fact]
    public async Task A_deviceId_is_unique_within_its_instance_409()
    {
        var instance = await Registry.InstanceAsync(_admin);
        await Registry.DeviceAsync(_admin, instance.Id(), deviceId: "chiller-7");

        var response = await _admin.PostJsonAsync("/api/v1/devices", new { providerInstanceId = instance.Id(), name = "Again", deviceId = "chiller-7" });

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("chiller-7", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_deviceId_in_another_instance_is_a_different_device()
    {
        var first = await Registry.InstanceAsync(_admin);
        var second = await Registry.InstanceAsync(_admin);
        await Registry.DeviceAsync(_admin, first.Id(), deviceId: "shared-id");

        var other = await Registry.DeviceAsync(_admin, second.Id(), deviceId: "shared-id");

        Assert.Equal(second.Id(), Guid.Parse((string)other["providerInstanceId"]!));
    }

    [Theory]
    [InlineData("Europe/Berlin", "Europe/Berlin")]
    [InlineData("america/new_york", "America/New_York")]
    [InlineData("W. Europe Standard Time", "Europe/Berlin")]
    [InlineData("Pacific Standard Time", "America/Los_Angeles")]
    public async Task A_time_zone_is_stored_as_its_IANA_id(string given, string stored)
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await _admin.CreateAsync("devices", new { providerInstanceId = instance.Id(), name = "TZ", deviceId = Registry.Unique("tz"), timeZone = given });
        Assert.Equal(stored, (string)device["timeZone"]!);
    }

    [Fact]
    public async Task An_unknown_time_zone_is_400_naming_timeZone_and_writes_nothing()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var deviceId = Registry.Unique("tz");
        var response = await _admin.PostJsonAsync("/api/v1/devices", new { providerInstanceId = instance.Id(), name = "TZ", deviceId, timeZone = "Mars/Olympus_Mons" });

        await response.ReadFieldErrorAsync("timeZone");
        var list = await (await _admin.GetAsync($"/api/v1/devices?$filter=deviceId eq '{deviceId}'&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)list["@odata.count"]!);
    }

    [Fact]
    public async Task A_reference_to_a_missing_record_is_400_naming_the_field()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var response = await _admin.PostJsonAsync("/api/v1/devices", new
        {
            providerInstanceId = instance.Id(),
            name = "Orphan",
            deviceId = Registry.Unique("o"),
            accountId = Guid.NewGuid(),
            customerAssetId = Guid.NewGuid(),
            categoryId = Guid.NewGuid(),
        });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("accountId") && errors.ContainsKey("customerAssetId") && errors.ContainsKey("categoryId"), errors.ToJsonString());
    }

    [Fact]
    public async Task A_device_links_to_its_account_asset_and_category()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var account = await _admin.CreateAsync("accounts", new { name = Registry.Unique("Contoso") });
        var asset = await _admin.CreateAsync("customerAssets", new { name = "Rooftop unit", accountId = account.Id(), serialNumber = "RTU-1" });
        var category = await _admin.CreateAsync("deviceCategories", new { name = Registry.Unique("HVAC"), measures = new[] { new { name = "temperature", unit = "°C", low = 5.0, high = 30.0 } } });

        var device = await _admin.CreateAsync("devices", new
        {
            providerInstanceId = instance.Id(),
            name = "RTU sensor",
            deviceId = Registry.Unique("rtu"),
            accountId = account.Id(),
            customerAssetId = asset.Id(),
            categoryId = category.Id(),
        });

        Assert.Equal(account.Id(), Guid.Parse((string)device["accountId"]!));
        Assert.Equal(asset.Id(), Guid.Parse((string)device["customerAssetId"]!));
        Assert.Equal(category.Id(), Guid.Parse((string)device["categoryId"]!));
        var conflict = await (await _admin.DeleteAsync($"/api/v1/customerAssets/{asset.Id()}")).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("device", (string)conflict["detail"]!, StringComparison.Ordinal);
        await (await _admin.DeleteAsync($"/api/v1/accounts/{account.Id()}")).ReadProblemAsync(HttpStatusCode.Conflict);
        await (await _admin.DeleteAsync($"/api/v1/deviceCategories/{category.Id()}")).ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Deleting_an_instance_with_devices_is_409()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());

        var problem = await (await _admin.DeleteAsync($"/api/v1/providerInstances/{instance.Id()}")).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("device", (string)problem["detail"]!, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/devices/{device.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/providerInstances/{instance.Id()}")).StatusCode);
    }

    [Fact]
    public async Task Patch_updates_tags_and_keeps_the_rest()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await _admin.CreateAsync("devices", new { providerInstanceId = instance.Id(), name = "Tagged", deviceId = Registry.Unique("t"), timeZone = "Europe/Paris", tags = new[] { "a" } });

        var updated = await (await _admin.PatchJsonAsync($"/api/v1/devices/{device.Id()}", new { tags = new[] { "b", "c" }, registrationStatus = "Registered" })).ReadObjectAsync(HttpStatusCode.OK);

        Assert.Equal(["b", "c"], updated["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("Registered", (string)updated["registrationStatus"]!);
        Assert.Equal("Europe/Paris", (string)updated["timeZone"]!);
    }

    [Fact]
    public async Task Connection_state_and_reported_properties_are_not_writable()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());

        await (await _admin.PatchJsonAsync($"/api/v1/devices/{device.Id()}", new { connectionState = "Connected" })).ReadFieldErrorAsync("connectionState");
    }
}

public sealed class DevicesApiOnSqliteTests(SqliteServer server) : DevicesApiTests(server), IClassFixture<SqliteServer>;

public sealed class DevicesApiOnPostgresTests(PostgresServer server) : DevicesApiTests(server), IClassFixture<PostgresServer>;
