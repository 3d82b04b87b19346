using System.Text;
using System.Xml;
using Fieldlink.Server.Api.Dataverse.Actions;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;

namespace Fieldlink.Server.Tests.Dataverse.Actions;

/// <summary>The actions as $metadata lists them: written as CSDL and read back by the OData library, as a client reads them.</summary>
public sealed class DataverseActionsModelTests
{
    [Fact]
    public void Every_action_is_an_unbound_action_import_returning_its_response_type()
    {
        var model = ReadBack(Declared(withDevice: true));

        var register = Import(model, "msdyn_IoTHubRegisterDevice");
        var devices = Assert.Single(register.Parameters);
        Assert.Equal("EntityCollection", devices.Name);
        Assert.Equal("Collection(Microsoft.Dynamics.CRM.msdyn_iotdevice)", devices.Type.FullName());
        Assert.Equal("Microsoft.Dynamics.CRM.msdyn_IoTHubRegisterDeviceResponse", register.GetReturn().Type.FullName());
        Assert.Equal("RegistrationResultsJSON", Assert.Single(register.GetReturn().Type.AsComplex().StructuralProperties()).Name);

        var query = Import(model, "msdyn_IoTQueryDeviceReadings");
        Assert.Equal(["IoTDeviceId", "From", "To", "Interval"], query.Parameters.Select(p => p.Name));
        Assert.Equal("Edm.DateTimeOffset", query.FindParameter("From").Type.FullName());
        Assert.IsAssignableFrom<IEdmOptionalParameter>(query.FindParameter("Interval"));

        var older = Import(model, "msdyn_RegisterIoTDevice");
        Assert.Equal("IoTDeviceIds", Assert.Single(older.Parameters).Name);
        Assert.Null(older.GetReturn());

        foreach (var (name, output) in new[]
        {
            ("msdyn_IoTRegisterDevice", "RegistrationResultsJSON"), ("msdyn_IoTPullDeviceData", "PullDeviceDataResultsJSON"),
            ("msdyn_IoTHubPullDeviceData", "PullDeviceDataResultsJSON"), ("msdyn_IoTHubQueryDeviceReadings", "AggregatedDeviceReadings"),
            ("msdyn_IoTGetAggregatedDeviceReadings", "measuresOutput"), ("msdyn_IoTGetDeviceEvents", "EventsData"),
            ("msdyn_IoTSendCommand", "SendCommandResultsJSON"),
        })
        {
            Assert.Equal(output, Assert.Single(Import(model, name).GetReturn().Type.AsComplex().StructuralProperties()).Name);
        }
    }

    [Fact]
    public void Without_the_tables_a_device_list_is_of_the_references_base_entity()
    {
        var model = ReadBack(Declared(withDevice: false));

        var pull = Import(model, "msdyn_IoTPullDeviceData");
        Assert.Equal("Collection(Microsoft.Dynamics.CRM.crmbaseentity)", Assert.Single(pull.Parameters).Type.FullName());
        Assert.Equal("System", model.EntityContainer.Name);
    }

    private static EdmModel Declared(bool withDevice)
    {
        var model = new EdmModel();
        if (withDevice)
        {
            var device = new EdmEntityType("Microsoft.Dynamics.CRM", "msdyn_iotdevice");
            device.AddKeys(device.AddStructuralProperty("msdyn_iotdeviceid", EdmPrimitiveTypeKind.Guid, isNullable: false));
            model.AddElement(device);
            var container = new EdmEntityContainer("Microsoft.Dynamics.CRM", "System");
            container.AddEntitySet("msdyn_iotdevices", device);
            model.AddElement(container);
        }

        model.AddDataverseActions();
        return model;
    }

    private static IEdmModel ReadBack(IEdmModel model)
    {
        var csdl = new StringBuilder();
        using (var writer = XmlWriter.Create(csdl))
        {
            Assert.True(CsdlWriter.TryWriteCsdl(model, writer, CsdlTarget.OData, out var errors), string.Join("; ", errors ?? []));
        }

        using var reader = XmlReader.Create(new StringReader(csdl.ToString()));
        Assert.True(CsdlReader.TryParse(reader, out var parsed, out var parseErrors), string.Join("; ", parseErrors ?? []));
        Assert.True(parsed.Validate(out var invalid), string.Join("; ", invalid ?? []));
        return parsed;
    }

    private static IEdmAction Import(IEdmModel model, string name)
    {
        var import = Assert.IsAssignableFrom<IEdmActionImport>(Assert.Single(model.EntityContainer.FindOperationImports(name)));
        Assert.False(import.Action.IsBound);
        return import.Action;
    }
}
