using Microsoft.OData.Edm;

namespace Fieldlink.Server.Api.Dataverse.Actions;

/// <summary>
/// Declares the IoT actions in the Web API's EDM model, so <c>$metadata</c> lists them as the reference's does: each an
/// unbound <c>Action</c> with its input parameters, returning a <c>&lt;action&gt;Response</c> complex type whose properties
/// are the output parameters, and an <c>ActionImport</c> in the entity container.
/// </summary>
public static class DataverseActionsModel
{
    private const string EntityCollection = "EntityCollection";

    /// <summary>
    /// Adds the actions to <paramref name="model"/>. Call it after the tables are declared: a device list is typed
    /// <c>Collection(Microsoft.Dynamics.CRM.crmbaseentity)</c> as in the reference, or of <c>msdyn_iotdevice</c> when the
    /// model has no crmbaseentity; with neither, an abstract crmbaseentity is added. Without an entity container, one
    /// named <c>System</c> (the reference's) is added.
    /// </summary>
    public static void AddDataverseActions(this EdmModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var container = model.EntityContainer as EdmEntityContainer;
        if (container is null)
        {
            container = new EdmEntityContainer(DataverseActionNames.Namespace, "System");
            model.AddElement(container);
        }

        var devices = new EdmCollectionTypeReference(new EdmCollectionType(new EdmEntityTypeReference(DeviceListType(model), isNullable: false)));
        var text = EdmCoreModel.Instance.GetString(isNullable: true);
        var time = EdmCoreModel.Instance.GetDateTimeOffset(isNullable: true);

        foreach (var name in new[] { DataverseActionNames.RegisterDevice, DataverseActionNames.IoTHubRegisterDevice })
        {
            Add(model, container, name, "RegistrationResultsJSON", (EntityCollection, devices, true));
        }

        Add(model, container, DataverseActionNames.RegisterIoTDevice, output: null, ("IoTDeviceIds", text, true));

        foreach (var name in new[] { DataverseActionNames.PullDeviceData, DataverseActionNames.IoTHubPullDeviceData })
        {
            Add(model, container, name, "PullDeviceDataResultsJSON", (EntityCollection, devices, true));
        }

        foreach (var name in new[] { DataverseActionNames.QueryDeviceReadings, DataverseActionNames.IoTHubQueryDeviceReadings })
        {
            Add(model, container, name, "AggregatedDeviceReadings", ("IoTDeviceId", text, true), ("From", time, false), ("To", time, false), ("Interval", text, false));
        }

        Add(model, container, DataverseActionNames.GetAggregatedDeviceReadings, "measuresOutput", ("deviceId", text, true), ("measures", text, true));
        Add(model, container, DataverseActionNames.GetDeviceEvents, "EventsData", ("IoTDeviceId", text, true), ("From", time, false), ("To", time, false));
        Add(model, container, DataverseActionNames.SendCommand, "SendCommandResultsJSON",
            (EntityCollection, devices, true), ("CommandName", text, false), ("Parameters", text, false), ("Message", text, false), ("IoTAlertId", text, false));
    }

    /// <summary>Declares one action; one without <paramref name="output"/> returns nothing (204), as the reference's older ones.</summary>
    private static void Add(EdmModel model, EdmEntityContainer container, string name, string? output, params (string Name, IEdmTypeReference Type, bool Required)[] parameters)
    {
        EdmComplexTypeReference? returns = null;
        if (output is not null)
        {
            var response = new EdmComplexType(DataverseActionNames.Namespace, name + "Response");
            response.AddStructuralProperty(output, EdmPrimitiveTypeKind.String, isNullable: true);
            model.AddElement(response);
            returns = new EdmComplexTypeReference(response, isNullable: false);
        }

        var action = new EdmAction(DataverseActionNames.Namespace, name, returns, isBound: false, entitySetPathExpression: null);
        foreach (var (parameter, type, required) in parameters)
        {
            if (required)
            {
                action.AddParameter(parameter, type);
            }
            else
            {
                action.AddOptionalParameter(parameter, type);
            }
        }

        model.AddElement(action);
        container.AddActionImport(name, action);
    }

    private static IEdmEntityType DeviceListType(EdmModel model)
    {
        if (model.FindDeclaredType($"{DataverseActionNames.Namespace}.crmbaseentity") is IEdmEntityType baseEntity)
        {
            return baseEntity;
        }

        if (model.FindDeclaredType(ActionInput.DeviceType) is IEdmEntityType device)
        {
            return device;
        }

        var added = new EdmEntityType(DataverseActionNames.Namespace, "crmbaseentity", baseType: null, isAbstract: true, isOpen: false);
        model.AddElement(added);
        return added;
    }
}
