using System.Globalization;
using Azure.Messaging.EventHubs;

namespace Fieldlink.Connectors.AzureIoTHub.Tests.EventHubs;

/// <summary>
/// Events as the hub's Event Hubs-compatible endpoint delivers them, made with EventHubsModelFactory: the system and
/// application properties the IoT Hub documentation lists for device-to-cloud messages and for the twin change,
/// connection state and lifecycle notifications routed to the built-in endpoint.
/// </summary>
internal static class IoTHubEvents
{
    public static readonly DateTimeOffset Enqueued = new(2026, 11, 30, 11, 59, 30, TimeSpan.Zero);

    public static EventData Telemetry(string deviceId, string body, long sequenceNumber, Dictionary<string, object>? properties = null, string? messageId = null)
    {
        var e = Make(body, properties ?? [], System(deviceId, "Telemetry"), sequenceNumber);
        if (messageId is not null)
        {
            e.MessageId = messageId;
        }

        return e;
    }

    public static EventData TwinChange(string deviceId, string body, long sequenceNumber) =>
        Make(body, Notification(deviceId, "updateTwin", "twinChangeNotification"), System(deviceId, "twinChangeEvents"), sequenceNumber);

    public static EventData Connection(string deviceId, string opType, long sequenceNumber, DateTimeOffset at) =>
        Make(
            """{"sequenceNumber":"000000000000000001D4132452F67CE200000002000000000000000000000001"}""",
            Notification(deviceId, opType, "deviceConnectionStateNotification", at),
            System(deviceId, "deviceConnectionStateEvents"),
            sequenceNumber);

    public static EventData Lifecycle(string deviceId, string opType, long sequenceNumber) =>
        Make(
            $$"""{"deviceId":"{{deviceId}}","etag":"AAAAAAAAAAE=","version":2,"status":"enabled"}""",
            Notification(deviceId, opType, "deviceLifecycleNotification"),
            System(deviceId, "deviceLifecycleEvents"),
            sequenceNumber);

    public static EventData Make(string body, Dictionary<string, object> properties, Dictionary<string, object> system, long sequenceNumber) =>
        EventHubsModelFactory.EventData(
            new BinaryData(body),
            properties,
            system,
            partitionKey: null!,
            sequenceNumber: sequenceNumber,
            offsetString: (sequenceNumber * 512).ToString(CultureInfo.InvariantCulture),
            enqueuedTime: Enqueued);

    public static Dictionary<string, object> System(string? deviceId, string source)
    {
        var system = new Dictionary<string, object>
        {
            ["iothub-connection-auth-method"] = """{"scope":"device","type":"sas","issuer":"iothub","acceptingIpFilterRule":null}""",
            ["iothub-connection-auth-generation-id"] = "638661234567890123",
            ["iothub-enqueuedtime"] = Enqueued.UtcDateTime,
            ["iothub-message-source"] = source,
        };
        if (deviceId is not null)
        {
            system["iothub-connection-device-id"] = deviceId;
        }

        return system;
    }

    private static Dictionary<string, object> Notification(string deviceId, string opType, string schema, DateTimeOffset? at = null) => new()
    {
        ["hubName"] = "contoso-hub",
        ["deviceId"] = deviceId,
        ["operationTimestamp"] = (at ?? Enqueued).ToString("O", CultureInfo.InvariantCulture),
        ["iothub-message-schema"] = schema,
        ["opType"] = opType,
    };
}
