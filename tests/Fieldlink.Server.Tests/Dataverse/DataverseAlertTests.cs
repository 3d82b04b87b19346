using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Dataverse;

/// <summary>
/// Alerts created through the Web API as a Connected Field Service integration creates them: the same alert as one
/// ingested at /api/v1 (grouped, de-duplicated by its token, in the unified list). Both databases.
/// </summary>
public abstract class DataverseAlertTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task An_alert_created_with_a_device_lookup_is_ingested_grouped_and_not_stored_twice_for_its_token()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var at = DateTimeOffset.UtcNow.AddMinutes(-2).ToString("O");

        var first = await _admin.CreateAsync("msdyn_iotalerts", $$"""
            {
              "msdyn_description": "Temperature above threshold",
              "msdyn_alerttype": 192350000,
              "msdyn_alerttime": "{{at}}",
              "msdyn_alertdata": "{\"temperature\": 91.5}",
              "msdyn_alerttoken": "evt-1001",
              "msdyn_Device@odata.bind": "/msdyn_iotdevices({{device.Id()}})"
            }
            """);

        var v1 = await AlertPosts.ReadAsync(_admin, first);
        Assert.Equal(device.Id(), Guid.Parse((string)v1["deviceRecordId"]!));
        Assert.Equal((string)device["deviceId"]!, (string)v1["deviceId"]!);
        Assert.Equal(91.5, (double)v1["data"]!["temperature"]!);
        Assert.Equal("evt-1001", (string)v1["token"]!);

        // The same token again is the same alert; another alert of the device joins its group.
        var again = await _admin.SendAsync(HttpMethod.Post, "msdyn_iotalerts", $$"""{"msdyn_description": "Temperature above threshold", "msdyn_alerttoken": "evt-1001", "msdyn_Device@odata.bind": "msdyn_iotdevices({{device.Id()}})"}""");
        await again.ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(first, WebApi.EntityId(again));
        var second = await _admin.CreateAsync("msdyn_iotalerts", $$"""{"msdyn_description": "Temperature above threshold", "msdyn_alerttoken": "evt-1002", "msdyn_Device@odata.bind": "https://fieldlink.example/api/data/v9.2/msdyn_iotdevices({{device.Id()}})"}""");

        var child = await _admin.GetRecordAsync($"msdyn_iotalerts({second})");
        Assert.Equal(first.ToString(), (string)child["_msdyn_parentalert_value"]!);
        Assert.Equal(device.Id().ToString(), (string)child["_msdyn_device_value"]!);
        Assert.Equal(192350000, (int)child["msdyn_alerttype"]!);
        Assert.Equal(0, (int)child["statecode"]!);
        var listed = await (await _admin.GetAsync($"/api/v1/alerts?$filter=deviceRecordId eq {device.Id()}&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)listed["@odata.count"]!);
        var parent = await AlertPosts.ReadAsync(_admin, first);
        Assert.Equal(1, (int)parent["childCount"]!);
    }

    [Fact]
    public async Task An_Endpoint_key_creates_alerts_for_its_own_instance_only()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var other = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var foreign = await Registry.DeviceAsync(_admin, other.Id());
        var endpoint = server.Client(await Registry.KeyAsync(_admin, "Endpoint", instance.Id()));

        await endpoint.CreateAsync("msdyn_iotalerts", $$"""{"msdyn_description": "Door open", "msdyn_deviceid": "{{device["deviceId"]}}", "msdyn_alerttype": 192350001}""");
        var refused = await endpoint.SendAsync(HttpMethod.Post, "msdyn_iotalerts", $$"""{"msdyn_description": "Door open", "msdyn_Device@odata.bind": "/msdyn_iotdevices({{foreign.Id()}})"}""");
        await refused.ReadErrorAsync(HttpStatusCode.Forbidden, "0x80040220");

        // It reads its own instance's alerts, and no account.
        var own = await endpoint.GetRecordAsync($"msdyn_iotalerts?$filter=_msdyn_device_value eq {device.Id()}");
        Assert.Equal("Door open", (string)own["value"]![0]!["msdyn_description"]!);
        Assert.Equal(192350001, (int)own["value"]![0]!["msdyn_alerttype"]!);
        await (await endpoint.SendAsync(HttpMethod.Get, "accounts")).ReadErrorAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_alert_without_a_description_or_with_a_bad_alert_type_is_400_naming_the_column()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var bind = $"\"msdyn_Device@odata.bind\": \"/msdyn_iotdevices({device.Id()})\"";

        var missing = await (await _admin.SendAsync(HttpMethod.Post, "msdyn_iotalerts", $"{{{bind}}}")).ReadErrorAsync(HttpStatusCode.BadRequest, "0x80040203");
        Assert.Contains("msdyn_description", missing, StringComparison.Ordinal);
        var badType = await (await _admin.SendAsync(HttpMethod.Post, "msdyn_iotalerts", $"{{{bind}, \"msdyn_description\": \"x\", \"msdyn_alerttype\": 5}}")).ReadErrorAsync(HttpStatusCode.BadRequest);
        Assert.Contains("msdyn_alerttype", badType, StringComparison.Ordinal);
        Assert.Contains("192350002", badType, StringComparison.Ordinal);
        var unknown = await (await _admin.SendAsync(HttpMethod.Post, "msdyn_iotalerts", $"{{{bind}, \"msdyn_description\": \"x\", \"msdyn_colour\": 1}}")).ReadErrorAsync(HttpStatusCode.BadRequest);
        Assert.Contains("msdyn_colour", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Dispatcher_closes_an_alert_with_statecode_and_a_Technician_may_not()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var alert = await _admin.CreateAsync("msdyn_iotalerts", $$"""{"msdyn_description": "Leak", "msdyn_Device@odata.bind": "/msdyn_iotdevices({{device.Id()}})"}""");
        var dispatcher = server.Client(await Registry.KeyAsync(_admin, "Dispatcher"));
        var technician = server.Client(await Registry.KeyAsync(_admin, "Technician"));

        await (await technician.SendAsync(HttpMethod.Patch, $"msdyn_iotalerts({alert})", """{"statecode": 1, "statuscode": 2}""")).ReadErrorAsync(HttpStatusCode.Forbidden);
        var closed = await (await dispatcher.SendAsync(HttpMethod.Patch, $"msdyn_iotalerts({alert})", """{"statecode": 1, "statuscode": 2}""", ("Prefer", "return=representation"))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)closed["statecode"]!);
        Assert.Equal("Closed", (string)(await AlertPosts.ReadAsync(_admin, alert))["status"]!);
        var refused = await (await dispatcher.SendAsync(HttpMethod.Patch, $"msdyn_iotalerts({alert})", """{"msdyn_description": "changed"}""")).ReadErrorAsync(HttpStatusCode.BadRequest);
        Assert.Contains("msdyn_description", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_are_filtered_and_ordered_by_the_option_set_values_in_the_database()
    {
        // Three devices, so the alerts make three groups and one closes alone.
        var instance = await Registry.InstanceAsync(_admin);
        async Task<Guid> AlertAsync(string description, int type)
        {
            var device = await Registry.DeviceAsync(_admin, instance.Id());
            return await _admin.CreateAsync("msdyn_iotalerts", $$"""{"msdyn_description": "{{description}}", "msdyn_alerttype": {{type}}, "msdyn_Device@odata.bind": "/msdyn_iotdevices({{device.Id()}})"}""");
        }

        var info = await AlertAsync("Info", 192350001);
        var test = await AlertAsync("Test", 192350003);
        var maintenance = await AlertAsync("Maintenance", 192350002);
        await (await _admin.SendAsync(HttpMethod.Patch, $"msdyn_iotalerts({test})", """{"statecode": 1}""")).ExpectAsync(HttpStatusCode.NoContent);

        var open = await _admin.GetRecordAsync($"msdyn_iotalerts?$select=msdyn_description&$filter=_fieldlink_providerinstance_value eq {instance.Id()} and statecode eq 0 and msdyn_alerttype ge 192350001&$orderby=msdyn_alerttype desc");
        Assert.Equal([maintenance.ToString(), info.ToString()], open["value"]!.AsArray().Select(a => (string)a!["msdyn_iotalertid"]!));
    }
}

public sealed class DataverseAlertOnSqliteTests(SqliteServer server) : DataverseAlertTests(server), IClassFixture<SqliteServer>;

public sealed class DataverseAlertOnPostgresTests(PostgresServer server) : DataverseAlertTests(server), IClassFixture<PostgresServer>;
