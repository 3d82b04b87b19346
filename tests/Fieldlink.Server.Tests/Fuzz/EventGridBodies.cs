using CsCheck;

namespace Fieldlink.Server.Tests.Fuzz;

/// <summary>
/// Event Grid deliveries to the Azure IoT Hub endpoint: IoT Hub's event types in the Event Grid schema or as
/// CloudEvents, with hostile device ids, bodies (JSON, base64, neither), application properties and times; and whole
/// bodies that are no delivery at all. The query carries the seeded instance's code most of the time.
/// </summary>
public static class EventGridBodies
{
    private static readonly Gen<string> DeviceId = HostileJson.For(HostileJson.OneOfText(FuzzStore.IoTHubDeviceId, "no-such-device"));

    private static readonly Gen<string> TelemetryBody = Gen.OneOf<string>(
        HostileJson.SmallNumber.Select(n => $$"""{"Weather":{"Temperature":{{n}}},"Location":"USA"}"""),
        HostileJson.Numbers.Select(n => $$"""{"temperature":{{n}}}"""),
        Gen.Const("\"eyJ0ZW1wZXJhdHVyZSI6MjF9\""),
        Gen.Const("\"bm90IGpzb24=\""),
        HostileJson.Any);

    private static readonly Gen<string> Properties = Gen.OneOf<string>(
        Gen.Const("{}"),
        HostileJson.For(HostileJson.OneOfText("true", "Overheating")).Select(v => $$"""{"fieldlink-alert":{{v}},"fieldlink-alert-type":"Test"}"""),
        HostileJson.WrongTypes);

    private static readonly Gen<string> Telemetry =
        Gen.Select(DeviceId, TelemetryBody, Properties, HostileJson.For(HostileJson.RecentTime), (device, body, properties, time) =>
            $$$"""{"body":{{{body}}},"properties":{{{properties}}},"systemProperties":{"iothub-connection-device-id":{{{device}}},"iothub-enqueuedtime":{{{time}}}}}""");

    private static readonly Gen<string> DeviceEvent = DeviceId.Select(device => $$"""{"hubName":"fuzzhub","deviceId":{{device}}}""");

    private static readonly Gen<(string Type, string Data)> Event = Gen.OneOf<(string, string)>(
        Telemetry.Select(d => ("Microsoft.Devices.DeviceTelemetry", d)),
        DeviceEvent.Select(d => ("Microsoft.Devices.DeviceConnected", d)),
        DeviceEvent.Select(d => ("Microsoft.Devices.DeviceDisconnected", d)),
        DeviceEvent.Select(d => ("Microsoft.Devices.DeviceCreated", d)),
        DeviceEvent.Select(d => ("Microsoft.Devices.DeviceDeleted", d)),
        Gen.Const(("Microsoft.EventGrid.SubscriptionValidationEvent", """{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"}""")),
        HostileJson.Any.Select(d => ("Microsoft.Devices.DeviceTelemetry", d)));

    private static readonly Gen<string> EventGridSchema = Gen.Select(Event, HostileJson.For(HostileJson.RecentTime), Gen.Guid, (e, time, id) =>
        $$"""{"id":"{{id}}","topic":"/SUBSCRIPTIONS/x/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/fuzzhub","subject":"devices/fz","eventType":"{{e.Type}}","eventTime":{{time}},"data":{{e.Data}},"dataVersion":"","metadataVersion":"1"}""");

    private static readonly Gen<string> CloudEvent = Gen.Select(Event, HostileJson.For(HostileJson.RecentTime), Gen.Guid, (e, time, id) =>
        $$"""{"id":"{{id}}","source":"/SUBSCRIPTIONS/x/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/fuzzhub","specversion":"1.0","type":"{{e.Type}}","subject":"devices/fz","time":{{time}},"data":{{e.Data}}}""");

    /// <summary>A delivery of one to three events in one schema, or a body that is none.</summary>
    public static Gen<string> Deliveries { get; } = Gen.Frequency(
        (4, EventGridSchema.Array[1, 3].Select(events => "[" + string.Join(',', events) + "]")),
        (3, CloudEvent.Array[1, 3].Select(events => "[" + string.Join(',', events) + "]")),
        (2, HostileJson.Bodies));

    /// <summary>The instance's code, mostly; else none, a wrong one, or junk.</summary>
    public static Gen<string> Code { get; } = Gen.Frequency(
        (8, (IGen<string>)Gen.Const("code=" + FuzzStore.IoTHubEventGridSecret)),
        (1, Gen.OneOf("", "code=", "code=%00", "code=wrong-code-of-some-length-000", "code=" + FuzzStore.IoTHubEventGridSecret + "x")));
}
