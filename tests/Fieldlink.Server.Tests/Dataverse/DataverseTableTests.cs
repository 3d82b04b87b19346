using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Dataverse;

/// <summary>
/// The registry tables through the Web API as the reference's samples use it: create with lookups, retrieve
/// multiple with query options and paging, upsert, ETags, formatted values, WhoAmI. Both databases.
/// </summary>
public abstract class DataverseTableTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_device_created_with_lookups_is_the_same_device_in_api_v1_and_is_found_by_query()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var account = await _admin.CreateAsync("accounts", """{"name": "Contoso Pharmaceuticals", "accountnumber": "C-1"}""");
        var name = Registry.Unique("Thermostat");

        var device = await _admin.CreateAsync("msdyn_iotdevices", $$"""
            {
              "msdyn_name": "{{name}}",
              "msdyn_deviceid": "{{name.Replace(' ', '-')}}",
              "msdyn_issimulated": 192350000,
              "msdyn_registrationstatus": 192350003,
              "msdyn_IoTProviderInstance@odata.bind": "/msdyn_iotproviderinstances({{instance.Id()}})",
              "msdyn_Account@odata.bind": "/accounts({{account}})"
            }
            """);

        var v1 = await (await _admin.GetAsync($"/api/v1/devices/{device}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(name, (string)v1["name"]!);
        Assert.True((bool)v1["simulated"]!);
        Assert.Equal("Registered", (string)v1["registrationStatus"]!);
        Assert.Equal(account, Guid.Parse((string)v1["accountId"]!));

        var found = await _admin.GetRecordAsync(
            $"msdyn_iotdevices?$select=msdyn_name,msdyn_registrationstatus,_msdyn_account_value&$filter=msdyn_registrationstatus eq 192350003 and _msdyn_iotproviderinstance_value eq {instance.Id()}&$expand=msdyn_Account($select=name,accountnumber)&$count=true");
        Assert.Equal(1, (int)found["@odata.count"]!);
        var row = found["value"]![0]!.AsObject();
        Assert.Equal(name, (string)row["msdyn_name"]!);
        Assert.Equal(device.ToString(), (string)row["msdyn_iotdeviceid"]!);
        Assert.False(row.ContainsKey("msdyn_deviceid"));
        Assert.Equal("Contoso Pharmaceuticals", (string)row["msdyn_Account"]!["name"]!);
        Assert.StartsWith("W/\"", (string)row["@odata.etag"]!, StringComparison.Ordinal);
        Assert.EndsWith("$metadata#msdyn_iotdevices(msdyn_name,msdyn_registrationstatus,_msdyn_account_value)", (string)found["@odata.context"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrieve_multiple_pages_by_odata_maxpagesize_with_a_next_link()
    {
        var instance = await Registry.InstanceAsync(_admin);
        for (var i = 0; i < 5; i++)
        {
            await Registry.DeviceAsync(_admin, instance.Id(), name: $"Pager {i}");
        }

        var filter = $"$filter=_msdyn_iotproviderinstance_value eq {instance.Id()}&$orderby=msdyn_name desc";
        var first = await _admin.GetRecordAsync($"msdyn_iotdevices?{filter}", ("Prefer", "odata.maxpagesize=2"));
        Assert.Equal(["Pager 4", "Pager 3"], first["value"]!.AsArray().Select(r => (string)r!["msdyn_name"]!));
        var names = first["value"]!.AsArray().Select(r => (string)r!["msdyn_name"]!).ToList();
        var next = (string?)first["@odata.nextLink"];
        while (next is not null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.TryAddWithoutValidation("Prefer", "odata.maxpagesize=2");
            var page = await (await _admin.SendAsync(request)).ReadJsonAsync(HttpStatusCode.OK);
            names.AddRange(page["value"]!.AsArray().Select(r => (string)r!["msdyn_name"]!));
            next = (string?)page["@odata.nextLink"];
        }

        Assert.Equal(["Pager 4", "Pager 3", "Pager 2", "Pager 1", "Pager 0"], names);
        var top = await _admin.GetRecordAsync($"msdyn_iotdevices?{filter}&$top=1");
        Assert.Single(top["value"]!.AsArray());
        Assert.Null(top["@odata.nextLink"]);
    }

    [Fact]
    public async Task Upsert_creates_a_missing_id_updates_an_existing_one_and_honours_If_Match_and_If_None_Match()
    {
        var id = Guid.NewGuid();
        var name = Registry.Unique("Fabrikam");
        var created = await _admin.SendAsync(HttpMethod.Patch, $"accounts({id})", $$"""{"name": "{{name}}"}""");
        await created.ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(id, WebApi.EntityId(created));

        var record = await _admin.GetRecordAsync($"accounts({id})");
        var etag = (string)record["@odata.etag"]!;
        await (await _admin.SendAsync(HttpMethod.Get, $"accounts({id})", null, ("If-None-Match", etag))).ExpectAsync(HttpStatusCode.NotModified);

        // Create only: the record exists.
        await (await _admin.SendAsync(HttpMethod.Patch, $"accounts({id})", """{"name": "Other"}""", ("If-None-Match", "*"))).ReadErrorAsync(HttpStatusCode.PreconditionFailed, "0x80040237");

        // Update only: a missing record is not created.
        var missing = Guid.NewGuid();
        await (await _admin.SendAsync(HttpMethod.Patch, $"accounts({missing})", """{"name": "Other"}""", ("If-Match", "*"))).ReadErrorAsync(HttpStatusCode.NotFound, "0x80040217");
        await (await _admin.GetAsync($"/api/v1/accounts/{missing}")).ReadProblemAsync(HttpStatusCode.NotFound);

        var updated = await (await _admin.SendAsync(HttpMethod.Patch, $"accounts({id})", """{"telephone1": "555-0100"}""", ("If-Match", etag), ("Prefer", "return=representation"))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("555-0100", (string)updated["telephone1"]!);
        Assert.Equal(name, (string)updated["name"]!);
        Assert.NotEqual(etag, (string)updated["@odata.etag"]!);
        await (await _admin.SendAsync(HttpMethod.Patch, $"accounts({id})", """{"telephone1": "555-0199"}""", ("If-Match", etag))).ReadErrorAsync(HttpStatusCode.PreconditionFailed, "0x80060882");

        await (await _admin.SendAsync(HttpMethod.Delete, $"accounts({id})")).ExpectAsync(HttpStatusCode.NoContent);
        await (await _admin.SendAsync(HttpMethod.Get, $"accounts({id})")).ReadErrorAsync(HttpStatusCode.NotFound, "0x80040217");
    }

    [Fact]
    public async Task Create_with_return_representation_answers_201_and_formatted_values_when_asked()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var name = Registry.Unique("Chiller");
        var created = await (await _admin.SendAsync(HttpMethod.Post, "msdyn_iotdevices?$select=msdyn_name,msdyn_registrationstatus,msdyn_issimulated,_msdyn_iotproviderinstance_value", $$"""
            {"msdyn_name": "{{name}}", "msdyn_deviceid": "{{name.Replace(' ', '-')}}", "msdyn_IoTProviderInstance@odata.bind": "/msdyn_iotproviderinstances({{instance.Id()}})"}
            """, ("Prefer", "return=representation"), ("Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""))).ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal(192350000, (int)created["msdyn_registrationstatus"]!);
        Assert.Equal("Unknown", (string)created["msdyn_registrationstatus@OData.Community.Display.V1.FormattedValue"]!);
        Assert.Equal("No", (string)created["msdyn_issimulated@OData.Community.Display.V1.FormattedValue"]!);
        Assert.Equal((string)instance["name"]!, (string)created["_msdyn_iotproviderinstance_value@OData.Community.Display.V1.FormattedValue"]!);
        Assert.False(created.ContainsKey("msdyn_deviceid"));

        var all = await _admin.GetRecordAsync($"msdyn_iotdevices({created["msdyn_iotdeviceid"]})", ("Prefer", "odata.include-annotations=\"*\""));
        Assert.Equal("msdyn_iotproviderinstance", (string)all["_msdyn_iotproviderinstance_value@Microsoft.Dynamics.CRM.lookuplogicalname"]!);
        Assert.Equal("msdyn_IoTProviderInstance", (string)all["_msdyn_iotproviderinstance_value@Microsoft.Dynamics.CRM.associatednavigationproperty"]!);
        Assert.NotNull((string?)all["createdon@OData.Community.Display.V1.FormattedValue"]);
        var plain = await _admin.GetRecordAsync($"msdyn_iotdevices({created["msdyn_iotdeviceid"]})");
        Assert.False(plain.ContainsKey("msdyn_registrationstatus@OData.Community.Display.V1.FormattedValue"));
    }

    [Fact]
    public async Task Errors_answer_in_the_Web_API_shape_with_their_status()
    {
        await (await server.Client(null).SendAsync(HttpMethod.Get, "accounts")).ReadErrorAsync(HttpStatusCode.Unauthorized);
        await (await server.Client("flk_not-a-key").SendAsync(HttpMethod.Get, "accounts")).ReadErrorAsync(HttpStatusCode.Unauthorized);
        var technician = server.Client(await Registry.KeyAsync(_admin, "Technician"));
        await technician.GetRecordAsync("accounts?$top=1");
        var denied = await (await technician.SendAsync(HttpMethod.Post, "accounts", """{"name": "X"}""")).ReadErrorAsync(HttpStatusCode.Forbidden, "0x80040220");
        Assert.Contains("prvCreateaccount", denied, StringComparison.Ordinal);

        Assert.Contains("nosuchcolumn", await (await _admin.SendAsync(HttpMethod.Get, "accounts?$filter=nosuchcolumn eq 1")).ReadErrorAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("$skip", await (await _admin.SendAsync(HttpMethod.Get, "accounts?$skip=10")).ReadErrorAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("emailaddress1", await (await _admin.SendAsync(HttpMethod.Post, "accounts", """{"name": "X", "emailaddress1": "nobody"}""")).ReadErrorAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        await (await _admin.SendAsync(HttpMethod.Get, "msdyn_nosuchtables")).ReadErrorAsync(HttpStatusCode.NotFound);
        await (await _admin.SendAsync(HttpMethod.Get, $"accounts({Guid.NewGuid()})")).ReadErrorAsync(HttpStatusCode.NotFound, "0x80040217");
        await (await _admin.SendAsync(HttpMethod.Delete, $"msdyn_workorders({Guid.NewGuid()})")).ReadErrorAsync(HttpStatusCode.NotImplemented);

        var account = await _admin.CreateAsync("accounts", """{"name": "Referenced"}""");
        await _admin.CreateAsync("msdyn_customerassets", $$"""{"msdyn_name": "Pump", "msdyn_Account@odata.bind": "/accounts({{account}})"}""");
        await (await _admin.SendAsync(HttpMethod.Delete, $"accounts({account})")).ReadErrorAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task WhoAmI_answers_the_key_as_the_user()
    {
        var key = await _admin.CreateAsync("apiKeys", new { name = Registry.Unique("Dispatcher"), role = "Dispatcher" });
        var whoAmI = await server.Client((string)key["key"]!).GetRecordAsync("WhoAmI");
        Assert.Equal(key.Id(), Guid.Parse((string)whoAmI["UserId"]!));
        Assert.NotEqual(Guid.Empty, Guid.Parse((string)whoAmI["OrganizationId"]!));
        Assert.Equal((string)whoAmI["OrganizationId"]!, (string)whoAmI["BusinessUnitId"]!);
    }
}

public sealed class DataverseTableOnSqliteTests(SqliteServer server) : DataverseTableTests(server), IClassFixture<SqliteServer>;

public sealed class DataverseTableOnPostgresTests(PostgresServer server) : DataverseTableTests(server), IClassFixture<PostgresServer>;
