namespace Fieldlink.Server.Api.Dataverse.Actions;

/// <summary>
/// The names the IoT actions answer to under <c>/api/data/v9.2/</c>. The reference documents only some: the Azure IoT
/// Hub provider's <c>msdyn_IoTHub…</c> three (which integrations built on the reference call) and
/// <c>msdyn_IoTGetDeviceEvents</c>. The rest follow <c>msdyn_IoT</c> + the verb of the provider's action column
/// (<c>msdyn_GetAggregatedDeviceReadingsAction</c>, <c>msdyn_SendCommandAction</c>); docs/dataverse.md says which is which.
/// </summary>
public static class DataverseActionNames
{
    /// <summary>Register devices (EntityCollection → RegistrationResultsJSON); Fieldlink's name for any provider.</summary>
    public const string RegisterDevice = "msdyn_IoTRegisterDevice";

    /// <summary>Pull device data (EntityCollection → PullDeviceDataResultsJSON); Fieldlink's name for any provider.</summary>
    public const string PullDeviceData = "msdyn_IoTPullDeviceData";

    /// <summary>Query device readings (From, To, IoTDeviceId, Interval → AggregatedDeviceReadings); Fieldlink's name for any provider.</summary>
    public const string QueryDeviceReadings = "msdyn_IoTQueryDeviceReadings";

    /// <summary>Aggregated device readings (deviceId, measures → measuresOutput); the reference documents no name.</summary>
    public const string GetAggregatedDeviceReadings = "msdyn_IoTGetAggregatedDeviceReadings";

    /// <summary>Device events (From, To, IoTDeviceId → EventsData): the reference's own name.</summary>
    public const string GetDeviceEvents = "msdyn_IoTGetDeviceEvents";

    /// <summary>Send a command (EntityCollection, CommandName, Parameters → SendCommandResultsJSON); the reference documents no contract.</summary>
    public const string SendCommand = "msdyn_IoTSendCommand";

    /// <summary>The reference's Azure IoT Hub provider's register action, the same as <see cref="RegisterDevice"/>.</summary>
    public const string IoTHubRegisterDevice = "msdyn_IoTHubRegisterDevice";

    /// <summary>The reference's Azure IoT Hub provider's pull action, the same as <see cref="PullDeviceData"/>.</summary>
    public const string IoTHubPullDeviceData = "msdyn_IoTHubPullDeviceData";

    /// <summary>The reference's Azure IoT Hub provider's readings action, the same as <see cref="QueryDeviceReadings"/>.</summary>
    public const string IoTHubQueryDeviceReadings = "msdyn_IoTHubQueryDeviceReadings";

    /// <summary>The reference's older "IoT – Register Device": IoTDeviceIds (GUIDs separated by commas), no output.</summary>
    public const string RegisterIoTDevice = "msdyn_RegisterIoTDevice";

    /// <summary>The namespace of the Web API's types, as in <c>Microsoft.Dynamics.CRM.msdyn_iotdevice</c>.</summary>
    public const string Namespace = "Microsoft.Dynamics.CRM";
}
