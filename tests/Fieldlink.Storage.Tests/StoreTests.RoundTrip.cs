using System.Text.Json.Nodes;
using Fieldlink.Core.Assets;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Settings;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Storage.Tests;

/// <summary>Every entity comes back as it was saved, its JSON and list columns included.</summary>
public abstract partial class StoreTests
{
    [Fact]
    public async Task Provider_round_trip_keeps_every_field()
    {
        var provider = new Provider { Name = "Acme Cloud", Connector = "mqtt", Description = "Acme's vendor cloud, Zürich" };
        await AddAsync(provider);

        var stored = await ReloadAsync<Provider>(provider.Id);

        Assert.Equal("Acme Cloud", stored.Name);
        Assert.Equal("mqtt", stored.Connector);
        Assert.Equal("Acme's vendor cloud, Zürich", stored.Description);
    }

    [Fact]
    public async Task ProviderInstance_round_trip_keeps_every_field_and_the_settings_document()
    {
        var provider = new Provider { Id = Guid.NewGuid(), Name = "Acme Cloud", Connector = "mqtt" };
        const string settings = """{"host":"broker.example","port":8883,"tls":true,"topics":["alerts/#","readings/+"],"auth":{"user":"fieldlink","token":null},"ratio":0.25,"name":"Zürich \"north\""}""";
        var instance = new ProviderInstance
        {
            ProviderId = provider.Id,
            Name = "Acme EU",
            InstanceId = "acme-eu-1",
            Url = "mqtts://broker.example:8883",
            Enabled = false,
            Settings = settings,
        };
        await AddAsync(provider, instance);

        var stored = await ReloadAsync<ProviderInstance>(instance.Id);

        Assert.Equal(provider.Id, stored.ProviderId);
        Assert.Equal("Acme EU", stored.Name);
        Assert.Equal("acme-eu-1", stored.InstanceId);
        Assert.Equal("mqtts://broker.example:8883", stored.Url);
        Assert.False(stored.Enabled);
        AssertSameJson(settings, stored.Settings);
    }

    [Fact]
    public async Task Device_round_trip_keeps_every_field_its_tags_and_reported_properties()
    {
        var instance = await AddInstanceAsync();
        var account = new Account { Id = Guid.NewGuid(), Name = "Contoso" };
        var category = new DeviceCategory { Id = Guid.NewGuid(), Name = "Thermostat" };
        var asset = new CustomerAsset { Id = Guid.NewGuid(), Name = "Chiller 7", AccountId = account.Id };
        const string reported = """{"firmware":"2.4.1","uptime":86400,"battery":0.87,"sensors":[{"id":"t1","ok":true}],"note":null}""";
        var device = new Device
        {
            Name = "Lobby thermostat",
            DeviceId = "thermo-0042",
            ProviderInstanceId = instance.Id,
            AccountId = account.Id,
            CategoryId = category.Id,
            CustomerAssetId = asset.Id,
            TimeZone = "Europe/Berlin",
            Simulated = true,
            RegistrationStatus = RegistrationStatus.Error,
            RegistrationMessage = "The hub refused the device.",
            ConnectionState = ConnectionState.Disconnected,
            ConnectionStateChangedAt = Start.AddMinutes(-90),
            LastActivityAt = Start.AddMilliseconds(-1250),
            ReportedProperties = reported,
            Tags = ["roof", "zone \"B\"", "a,b", "Zürich", "roof"],
        };
        await AddAsync(account, category, asset, device);

        var stored = await ReloadAsync<Device>(device.Id);

        Assert.Equal("Lobby thermostat", stored.Name);
        Assert.Equal("thermo-0042", stored.DeviceId);
        Assert.Equal(instance.Id, stored.ProviderInstanceId);
        Assert.Equal(account.Id, stored.AccountId);
        Assert.Equal(category.Id, stored.CategoryId);
        Assert.Equal(asset.Id, stored.CustomerAssetId);
        Assert.Equal("Europe/Berlin", stored.TimeZone);
        Assert.True(stored.Simulated);
        Assert.Equal(RegistrationStatus.Error, stored.RegistrationStatus);
        Assert.Equal("The hub refused the device.", stored.RegistrationMessage);
        Assert.Equal(ConnectionState.Disconnected, stored.ConnectionState);
        Assert.Equal(Start.AddMinutes(-90), stored.ConnectionStateChangedAt);
        Assert.Equal(Start.AddMilliseconds(-1250), stored.LastActivityAt);
        AssertSameJson(reported, stored.ReportedProperties);
        Assert.Equal(["roof", "zone \"B\"", "a,b", "Zürich", "roof"], stored.Tags);
    }

    [Fact]
    public async Task Device_tags_changed_in_place_are_saved()
    {
        var instance = await AddInstanceAsync();
        var device = NewDevice(instance, "d1");
        device.Tags = ["a", "b"];
        await AddAsync(device);

        await using (var db = NewContext())
        {
            var tracked = await db.Devices.SingleAsync(d => d.Id == device.Id);
            tracked.Tags.Remove("a");
            tracked.Tags.Add("c");
            await db.SaveChangesAsync();
        }

        Assert.Equal(["b", "c"], (await ReloadAsync<Device>(device.Id)).Tags);
    }

    [Fact]
    public async Task DeviceCategory_round_trip_keeps_measures_in_order_with_their_nulls()
    {
        var category = new DeviceCategory
        {
            Name = "Chiller",
            Description = "Water-cooled chillers",
            Measures =
            [
                new Measure { Name = "temperature", Unit = "°C", Low = -40.5, High = 0.1 },
                new Measure { Name = "pressure", Unit = "bar", High = 12 },
                new Measure { Name = "vibration", Low = 1e-9 },
                new Measure { Name = "count" },
            ],
        };
        await AddAsync(category);

        var stored = await ReloadAsync<DeviceCategory>(category.Id);

        Assert.Equal("Chiller", stored.Name);
        Assert.Equal("Water-cooled chillers", stored.Description);
        Assert.Equal(
            [("temperature", "°C", -40.5, 0.1), ("pressure", "bar", null, 12), ("vibration", null, 1e-9, null), ("count", null, null, null)],
            stored.Measures.Select(m => (m.Name, m.Unit, m.Low, m.High)));
    }

    [Fact]
    public async Task DeviceCategory_measures_replaced_and_edited_are_saved()
    {
        var category = new DeviceCategory { Name = "Chiller", Measures = [new Measure { Name = "temperature", Unit = "°C" }] };
        await AddAsync(category);

        await using (var db = NewContext())
        {
            var tracked = await db.DeviceCategories.SingleAsync(c => c.Id == category.Id);
            tracked.Measures = [new Measure { Name = "pressure", Unit = "bar" }, new Measure { Name = "flow", Unit = "l/min" }];
            await db.SaveChangesAsync();
            tracked.Measures[1].High = 300;
            await db.SaveChangesAsync();
        }

        var stored = await ReloadAsync<DeviceCategory>(category.Id);
        Assert.Equal([("pressure", "bar", null), ("flow", "l/min", (double?)300)], stored.Measures.Select(m => (m.Name, m.Unit, m.High)));
    }

    [Fact]
    public async Task Account_round_trip_keeps_every_field()
    {
        var account = new Account { Name = "Contoso", AccountNumber = "C-1001", Email = "ops@contoso.example", Phone = "+49 30 1234", Address = "Hauptstraße 1\n10115 Berlin" };
        await AddAsync(account);

        var stored = await ReloadAsync<Account>(account.Id);

        Assert.Equal(
            ("Contoso", "C-1001", "ops@contoso.example", "+49 30 1234", "Hauptstraße 1\n10115 Berlin"),
            (stored.Name, stored.AccountNumber, stored.Email, stored.Phone, stored.Address));
    }

    [Fact]
    public async Task CustomerAsset_round_trip_keeps_every_field()
    {
        var account = new Account { Id = Guid.NewGuid(), Name = "Contoso" };
        var asset = new CustomerAsset { Name = "Chiller 7", AccountId = account.Id, SerialNumber = "SN-77-A", Location = "Roof, north side" };
        await AddAsync(account, asset);

        var stored = await ReloadAsync<CustomerAsset>(asset.Id);

        Assert.Equal(("Chiller 7", account.Id, "SN-77-A", "Roof, north side"), (stored.Name, stored.AccountId, stored.SerialNumber, stored.Location));
    }

    [Fact]
    public async Task IoTSettings_round_trip_keeps_lists_and_time_spans()
    {
        var instance = await AddInstanceAsync();
        var settings = new IoTSettings
        {
            Id = IoTSettings.SingletonId,
            DefaultProviderInstanceId = instance.Id,
            AlertGroupingEnabled = false,
            AlertGroupingFields = [AlertGroupingField.AlertType, AlertGroupingField.Device],
            AlertGroupingWindow = new TimeSpan(0, 0, 1, 30, 250),
            AutoPullOnAlert = false,
            ScheduledPullsEnabled = true,
            ScheduledPullInterval = new TimeSpan(2, 3, 0, 0),
            CommandNameProperty = "cmd",
            CommandParametersProperty = "args",
        };
        await AddAsync(settings);

        var stored = await ReloadAsync<IoTSettings>(IoTSettings.SingletonId);

        Assert.Equal(instance.Id, stored.DefaultProviderInstanceId);
        Assert.False(stored.AlertGroupingEnabled);
        Assert.Equal([AlertGroupingField.AlertType, AlertGroupingField.Device], stored.AlertGroupingFields);
        Assert.Equal(new TimeSpan(0, 0, 1, 30, 250), stored.AlertGroupingWindow);
        Assert.False(stored.AutoPullOnAlert);
        Assert.True(stored.ScheduledPullsEnabled);
        Assert.Equal(new TimeSpan(2, 3, 0, 0), stored.ScheduledPullInterval);
        Assert.Equal("cmd", stored.CommandNameProperty);
        Assert.Equal("args", stored.CommandParametersProperty);
    }

    [Fact]
    public async Task IoTSettings_defaults_round_trip_unchanged()
    {
        await AddAsync(new IoTSettings { Id = IoTSettings.SingletonId });

        var stored = await ReloadAsync<IoTSettings>(IoTSettings.SingletonId);

        Assert.Null(stored.DefaultProviderInstanceId);
        Assert.True(stored.AlertGroupingEnabled);
        Assert.Empty(stored.AlertGroupingFields);
        Assert.Equal(TimeSpan.FromMinutes(5), stored.AlertGroupingWindow);
        Assert.True(stored.AutoPullOnAlert);
        Assert.False(stored.ScheduledPullsEnabled);
        Assert.Equal(TimeSpan.FromHours(1), stored.ScheduledPullInterval);
        Assert.Equal("CommandName", stored.CommandNameProperty);
        Assert.Equal("Parameters", stored.CommandParametersProperty);
    }

    [Fact]
    public async Task ApiKey_round_trip_keeps_every_field()
    {
        var instance = await AddInstanceAsync();
        var secret = ApiKeySecret.Generate();
        var key = new ApiKey
        {
            Name = "Acme ingestion",
            Role = ApiKeyRole.Endpoint,
            ProviderInstanceId = instance.Id,
            Prefix = ApiKeySecret.PrefixOf(secret),
            Hash = ApiKeySecret.Hash(secret),
            LastUsedAt = Start.AddDays(-1),
            RevokedAt = Start.AddSeconds(-5),
        };
        await AddAsync(key);

        var stored = await ReloadAsync<ApiKey>(key.Id);

        Assert.Equal("Acme ingestion", stored.Name);
        Assert.Equal(ApiKeyRole.Endpoint, stored.Role);
        Assert.Equal(instance.Id, stored.ProviderInstanceId);
        Assert.Equal(ApiKeySecret.PrefixOf(secret), stored.Prefix);
        Assert.Equal(ApiKeySecret.Hash(secret), stored.Hash);
        Assert.Equal(Start.AddDays(-1), stored.LastUsedAt);
        Assert.Equal(Start.AddSeconds(-5), stored.RevokedAt);
    }

    /// <summary>
    /// JSON documents are compared by meaning: PostgreSQL's jsonb keeps neither key order nor whitespace, and
    /// the store promises the document, not its spelling.
    /// </summary>
    private static void AssertSameJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"Expected {expected}{Environment.NewLine}but the store returned {actual}");
}
