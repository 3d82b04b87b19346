using System.Net;
using System.Xml;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace Fieldlink.Server.Tests.Dataverse;

/// <summary>
/// What a client that reads the service first sees: $metadata read with the OData library, and a query built from it
/// for every entity set, answered.
/// </summary>
public sealed class DataverseMetadataTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Every_entity_set_of_metadata_answers_a_query_built_from_it()
    {
        var response = await _admin.SendAsync(HttpMethod.Get, "$metadata");
        await response.ExpectAsync(HttpStatusCode.OK);
        using var xml = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var model = CsdlReader.Parse(xml);

        var sets = model.EntityContainer.EntitySets().ToList();
        Assert.Equal(
            ["accounts", "incidents", "msdyn_customerassets", "msdyn_iotalerts", "msdyn_iotdevicecategories", "msdyn_iotdevicecommands", "msdyn_iotdevices", "msdyn_iotproviderinstances", "msdyn_iotproviders", "msdyn_workorders"],
            sets.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Microsoft.Dynamics.CRM", sets[0].EntityType.Namespace);
        var alert = (IEdmEntityType)model.FindDeclaredType("Microsoft.Dynamics.CRM.msdyn_iotalert");
        Assert.Equal("msdyn_iotalertid", alert.Key().Single().Name);
        Assert.Equal(EdmPrimitiveTypeKind.Int32, alert.FindProperty("msdyn_alerttype").Type.PrimitiveKind());
        Assert.NotNull(alert.FindProperty("_msdyn_device_value"));
        Assert.Equal("msdyn_iotdevice", ((IEdmNavigationProperty)alert.FindProperty("msdyn_Device")).ToEntityType().Name);
        Assert.NotNull(model.FindDeclaredOperations("Microsoft.Dynamics.CRM.WhoAmI").SingleOrDefault());

        // The IoT actions are served on the same surface and declared in the same $metadata, with their imports.
        foreach (var action in new[] { "msdyn_IoTRegisterDevice", "msdyn_IoTHubPullDeviceData", "msdyn_IoTSendCommand", "msdyn_IoTGetDeviceEvents" })
        {
            Assert.IsAssignableFrom<IEdmAction>(model.FindDeclaredOperations($"Microsoft.Dynamics.CRM.{action}").SingleOrDefault());
            Assert.NotNull(model.EntityContainer.FindOperationImports(action).SingleOrDefault());
        }

        foreach (var set in sets)
        {
            var type = set.EntityType;
            var columns = type.StructuralProperties().Select(p => p.Name).Take(3);
            var navigation = type.NavigationProperties().FirstOrDefault();
            var query = $"{set.Name}?$select={string.Join(',', columns)}&$orderby={type.Key().Single().Name}&$top=2&$count=true"
                + (navigation is null ? string.Empty : $"&$expand={navigation.Name}");
            var page = await _admin.GetRecordAsync(query);
            Assert.NotNull(page["value"]);
            Assert.NotNull(page["@odata.count"]);
        }
    }

    [Fact]
    public async Task An_action_without_a_key_is_refused_in_the_Web_APIs_error_shape()
    {
        using var anonymous = server.CreateClient();
        var response = await anonymous.PostAsync("/api/data/v9.2/msdyn_IoTSendCommand", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        await response.ExpectAsync(HttpStatusCode.Unauthorized);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"error\"", body, StringComparison.Ordinal);
        Assert.Contains("\"code\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_document_lists_the_entity_sets()
    {
        var document = await _admin.GetRecordAsync(string.Empty);
        var names = document["value"]!.AsArray().Select(s => (string)s!["name"]!).ToList();
        Assert.Contains("msdyn_iotalerts", names);
        Assert.Contains("incidents", names);
        Assert.EndsWith("/api/data/v9.2/$metadata", (string)document["@odata.context"]!, StringComparison.Ordinal);
    }
}
