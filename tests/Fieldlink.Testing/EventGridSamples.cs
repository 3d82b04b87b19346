namespace Fieldlink.Testing;

/// <summary>
/// Deliveries as Event Grid's documentation shows them: the IoT Hub events of "Azure IoT Hub as an Event Grid source"
/// (event-schema-iot-hub) and the validation event of "Webhook event delivery", in the Event Grid schema, and the same
/// events as CloudEvents 1.0. Used here and by the server's endpoint tests.
/// </summary>
public static class EventGridSamples
{
    public const string ValidationCode = "512d38b6-c7b8-40c8-89fe-f46f9e9622b6";

    public const string SubscriptionValidation = """
        [{
          "id": "2d1781af-3a4c-4d7c-bd0c-e34b19da4e66",
          "topic": "/subscriptions/xx/resourceGroups/yy/providers/Microsoft.EventGrid/topics/zz",
          "subject": "",
          "data": {
            "validationCode": "512d38b6-c7b8-40c8-89fe-f46f9e9622b6",
            "validationUrl": "https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/myeventsub/validate?id=0000000000-0000-0000-0000-00000000000000&t=2022-10-28T04:23:35.1981776Z&apiVersion=2018-05-01-preview&token=1A1A1A1A"
          },
          "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent",
          "eventTime": "2022-10-28T04:23:35.1981776Z",
          "metadataVersion": "1",
          "dataVersion": "1"
        }]
        """;

    /// <summary>The documentation's telemetry event; its device id is <c>d1</c>, enqueued at 2019-01-07T20:58:30.48Z.</summary>
    public static string Telemetry(string deviceId = "d1", string enqueuedTime = "2019-01-07T20:58:30.48Z") => $$"""
        [{
          "id": "9af86784-8d40-fe2g-8b2a-bab65e106785",
          "topic": "/SUBSCRIPTIONS/<subscription ID>/RESOURCEGROUPS/<resource group name>/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/<hub name>",
          "subject": "devices/LogicAppTestDevice",
          "eventType": "Microsoft.Devices.DeviceTelemetry",
          "eventTime": "2019-01-07T20:58:30.48Z",
          "data": {
            "body": { "Weather": { "Temperature": 900 }, "Location": "USA" },
            "properties": { "Status": "Active" },
            "systemProperties": {
              "iothub-content-type": "application/json",
              "iothub-content-encoding": "utf-8",
              "iothub-connection-device-id": "{{deviceId}}",
              "iothub-connection-auth-method": "{\"scope\":\"device\",\"type\":\"sas\",\"issuer\":\"iothub\",\"acceptingIpFilterRule\":null}",
              "iothub-connection-auth-generation-id": "123455432199234570",
              "iothub-enqueuedtime": "{{enqueuedTime}}",
              "iothub-message-source": "Telemetry"
            }
          },
          "dataVersion": "",
          "metadataVersion": "1"
        }]
        """;

    /// <summary>The documentation's telemetry event as a device sends it without a JSON content type: the body in base64, marked an alert.</summary>
    public static string Base64AlertTelemetry(string deviceId = "d1", string enqueuedTime = "2019-01-07T20:58:31.00Z") => $$"""
        [{
          "id": "5b2c1f0e-1a1e-4e9f-9f2b-8c8a0e6f7d10",
          "topic": "/SUBSCRIPTIONS/<subscription ID>/RESOURCEGROUPS/<resource group name>/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/<hub name>",
          "subject": "devices/{{deviceId}}",
          "eventType": "Microsoft.Devices.DeviceTelemetry",
          "eventTime": "2019-01-07T20:58:31.00Z",
          "data": {
            "body": "{{Convert.ToBase64String("""{"Weather":{"Temperature":950},"description":"Overheating"}"""u8.ToArray())}}",
            "properties": { "fieldlink-alert": "true", "fieldlink-alert-type": "PreventiveMaintenance" },
            "systemProperties": {
              "iothub-connection-device-id": "{{deviceId}}",
              "iothub-enqueuedtime": "{{enqueuedTime}}",
              "iothub-message-source": "Telemetry"
            }
          },
          "dataVersion": "",
          "metadataVersion": "1"
        }]
        """;

    /// <summary>The documentation's DeviceConnected event, whose sample names a module.</summary>
    public const string ModuleConnected = """
        [{
          "id": "f6bbf8f4-d365-520d-a878-17bf7238abd8",
          "topic": "/SUBSCRIPTIONS/<subscription ID>/RESOURCEGROUPS/<resource group name>/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/<hub name>",
          "subject": "devices/LogicAppTestDevice",
          "eventType": "Microsoft.Devices.DeviceConnected",
          "eventTime": "2018-06-02T19:17:44.4383997Z",
          "data": {
            "deviceConnectionStateEventInfo": { "sequenceNumber": "000000000000000001D4132452F67CE200000002000000000000000000000001" },
            "hubName": "egtesthub1",
            "deviceId": "LogicAppTestDevice",
            "moduleId": "DeviceModuleID"
          },
          "dataVersion": "1",
          "metadataVersion": "1"
        }]
        """;

    /// <summary>The documentation's DeviceConnected and DeviceDisconnected events for the device itself (no module), delivered together, the later first.</summary>
    public static string ConnectedThenDisconnected(string deviceId = "LogicAppTestDevice") => $$"""
        [{
          "id": "f6bbf8f4-d365-520d-a878-17bf7238abd9",
          "topic": "/SUBSCRIPTIONS/<subscription ID>/RESOURCEGROUPS/<resource group name>/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/<hub name>",
          "subject": "devices/{{deviceId}}",
          "eventType": "Microsoft.Devices.DeviceDisconnected",
          "eventTime": "2018-06-02T19:20:00.0000000Z",
          "data": {
            "deviceConnectionStateEventInfo": { "sequenceNumber": "000000000000000001D4132452F67CE200000002000000000000000000000002" },
            "hubName": "egtesthub1",
            "deviceId": "{{deviceId}}"
          },
          "dataVersion": "1",
          "metadataVersion": "1"
        },
        {
          "id": "f6bbf8f4-d365-520d-a878-17bf7238abd8",
          "topic": "/SUBSCRIPTIONS/<subscription ID>/RESOURCEGROUPS/<resource group name>/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/<hub name>",
          "subject": "devices/{{deviceId}}",
          "eventType": "Microsoft.Devices.DeviceConnected",
          "eventTime": "2018-06-02T19:17:44.4383997Z",
          "data": {
            "deviceConnectionStateEventInfo": { "sequenceNumber": "000000000000000001D4132452F67CE200000002000000000000000000000001" },
            "hubName": "egtesthub1",
            "deviceId": "{{deviceId}}"
          },
          "dataVersion": "1",
          "metadataVersion": "1"
        }]
        """;

    /// <summary>The documentation's DeviceCreated event (its DeviceDeleted has the same shape).</summary>
    public static string Lifecycle(string eventType, string deviceId = "LogicAppTestDevice") => $$"""
        [{
          "id": "56afc886-767b-d359-d59e-0da7877166b2",
          "topic": "/SUBSCRIPTIONS/<subscription ID>/RESOURCEGROUPS/<resource group name>/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/<hub name>",
          "subject": "devices/{{deviceId}}",
          "eventType": "Microsoft.Devices.{{eventType}}",
          "eventTime": "2018-01-02T19:17:44.4383997Z",
          "data": {
            "twin": {
              "deviceId": "{{deviceId}}",
              "etag": "AAAAAAAAAAE=",
              "deviceEtag": "null",
              "status": "enabled",
              "statusUpdateTime": "0001-01-01T00:00:00",
              "connectionState": "Disconnected",
              "lastActivityTime": "0001-01-01T00:00:00",
              "cloudToDeviceMessageCount": 0,
              "authenticationType": "sas",
              "x509Thumbprint": { "primaryThumbprint": null, "secondaryThumbprint": null },
              "version": 2,
              "properties": {
                "desired": { "$metadata": { "$lastUpdated": "2018-01-02T19:17:44.4383997Z" }, "$version": 1 },
                "reported": { "$metadata": { "$lastUpdated": "2018-01-02T19:17:44.4383997Z" }, "$version": 1 }
              }
            },
            "hubName": "egtesthub1",
            "deviceId": "{{deviceId}}"
          },
          "dataVersion": "",
          "metadataVersion": "1"
        }]
        """;

    /// <summary>The documentation's telemetry event as a CloudEvent 1.0 (the same data; source, type, subject, time).</summary>
    public static string CloudEventTelemetry(string deviceId = "d1") => $$"""
        [{
          "id": "9af86784-8d40-fe2g-8b2a-bab65e106786",
          "source": "/SUBSCRIPTIONS/<subscription ID>/RESOURCEGROUPS/<resource group name>/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/<hub name>",
          "specversion": "1.0",
          "type": "Microsoft.Devices.DeviceTelemetry",
          "subject": "devices/{{deviceId}}",
          "time": "2019-01-07T20:58:30.48Z",
          "data": {
            "body": { "Weather": { "Temperature": 900 }, "Location": "USA" },
            "properties": { "Status": "Active" },
            "systemProperties": {
              "iothub-content-type": "application/json",
              "iothub-content-encoding": "utf-8",
              "iothub-connection-device-id": "{{deviceId}}",
              "iothub-enqueuedtime": "2019-01-07T20:58:30.48Z",
              "iothub-message-source": "Telemetry"
            }
          }
        }]
        """;

    /// <summary>The documentation's DeviceConnected event for the device itself as a CloudEvent 1.0.</summary>
    public static string CloudEventConnected(string deviceId = "LogicAppTestDevice") => $$"""
        [{
          "id": "f6bbf8f4-d365-520d-a878-17bf7238abda",
          "source": "/SUBSCRIPTIONS/<subscription ID>/RESOURCEGROUPS/<resource group name>/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/<hub name>",
          "specversion": "1.0",
          "type": "Microsoft.Devices.DeviceConnected",
          "subject": "devices/{{deviceId}}",
          "time": "2018-06-02T19:17:44.4383997Z",
          "data": {
            "deviceConnectionStateEventInfo": { "sequenceNumber": "000000000000000001D4132452F67CE200000002000000000000000000000001" },
            "hubName": "egtesthub1",
            "deviceId": "{{deviceId}}"
          }
        }]
        """;
}
