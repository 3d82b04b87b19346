using System.Net;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Dataverse;

/// <summary>The guided process through the Web API: alert → incident → work order, by a Dispatcher. Both databases.</summary>
public abstract class DataverseCaseTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_Dispatcher_makes_a_case_of_an_alert_then_a_work_order_and_resolves_the_case()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var alert = await _admin.CreateAsync("msdyn_iotalerts", $$"""{"msdyn_description": "Compressor overheating", "msdyn_Device@odata.bind": "/msdyn_iotdevices({{device.Id()}})"}""");
        var dispatcher = server.Client(await Registry.KeyAsync(_admin, "Dispatcher"));

        var incident = await dispatcher.CreateAsync("incidents", $$"""{"title": "Check the compressor", "prioritycode": 1, "msdyn_IoTAlert@odata.bind": "/msdyn_iotalerts({{alert}})"}""");
        var read = await dispatcher.GetRecordAsync($"incidents({incident})", ("Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""));
        Assert.Equal("High", (string)read["prioritycode@OData.Community.Display.V1.FormattedValue"]!);
        Assert.StartsWith("CAS-", (string)read["ticketnumber"]!, StringComparison.Ordinal);
        Assert.Equal("Compressor overheating", (string)read["_msdyn_iotalert_value@OData.Community.Display.V1.FormattedValue"]!);
        var linked = await dispatcher.GetRecordAsync($"msdyn_iotalerts({alert})?$select=statuscode,_msdyn_case_value");
        Assert.Equal(incident.ToString(), (string)linked["_msdyn_case_value"]!);
        Assert.Equal(192350000, (int)linked["statuscode"]!);

        var workOrder = await dispatcher.CreateAsync("msdyn_workorders", $$"""{"msdyn_instructions": "Bring a spare fan", "msdyn_ServiceRequest@odata.bind": "/incidents({{incident}})"}""");
        var order = await dispatcher.GetRecordAsync($"msdyn_workorders({workOrder})?$expand=msdyn_IoTAlert($select=msdyn_description)");
        Assert.Equal(690970000, (int)order["msdyn_systemstatus"]!);
        Assert.Equal("Compressor overheating", (string)order["msdyn_IoTAlert"]!["msdyn_description"]!);
        await (await dispatcher.SendAsync(HttpMethod.Patch, $"msdyn_workorders({workOrder})", """{"msdyn_systemstatus": 690970001}""")).ExpectAsync(HttpStatusCode.NoContent);

        // The case's lifecycle holds here as at /api/v1: not resolved while a work order is open.
        var open = await dispatcher.SendAsync(HttpMethod.Patch, $"incidents({incident})", """{"statecode": 1, "statuscode": 5}""");
        Assert.Contains("WO-", await open.ReadErrorAsync(HttpStatusCode.Conflict), StringComparison.Ordinal);
        await (await dispatcher.SendAsync(HttpMethod.Patch, $"msdyn_workorders({workOrder})", """{"msdyn_systemstatus": 690970005}""")).ExpectAsync(HttpStatusCode.NoContent);

        var etag = (string)read["@odata.etag"]!;
        var stale = await dispatcher.SendAsync(HttpMethod.Patch, $"incidents({incident})", """{"statecode": 1, "statuscode": 5}""", ("If-Match", "W/\"0\""));
        await stale.ReadErrorAsync(HttpStatusCode.PreconditionFailed);
        var resolved = await (await dispatcher.SendAsync(HttpMethod.Patch, $"incidents({incident})", """{"statecode": 1, "statuscode": 5}""", ("If-Match", etag), ("Prefer", "return=representation"))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(5, (int)resolved["statuscode"]!);
        Assert.Equal("Resolved", (string)(await (await _admin.GetAsync($"/api/v1/cases/{incident}")).ReadObjectAsync(HttpStatusCode.OK))["status"]!);

        var technician = server.Client(await Registry.KeyAsync(_admin, "Technician"));
        await (await technician.SendAsync(HttpMethod.Post, "incidents", $$"""{"msdyn_IoTAlert@odata.bind": "/msdyn_iotalerts({{alert}})"}""")).ReadErrorAsync(HttpStatusCode.Forbidden);
        Assert.Contains("msdyn_IoTAlert", await (await dispatcher.SendAsync(HttpMethod.Post, "incidents", """{"title": "No alert"}""")).ReadErrorAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var nul = await dispatcher.SendAsync(HttpMethod.Post, "incidents", $$"""{"title": "Bad\u0000title", "msdyn_IoTAlert@odata.bind": "/msdyn_iotalerts({{alert}})"}""");
        Assert.Contains("title", await nul.ReadErrorAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }
}

public sealed class DataverseCaseOnSqliteTests(SqliteServer server) : DataverseCaseTests(server), IClassFixture<SqliteServer>;

public sealed class DataverseCaseOnPostgresTests(PostgresServer server) : DataverseCaseTests(server), IClassFixture<PostgresServer>;
