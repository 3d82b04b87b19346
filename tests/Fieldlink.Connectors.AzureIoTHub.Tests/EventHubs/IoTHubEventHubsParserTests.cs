using System.Text.Json.Nodes;
using Fieldlink.Connectors.AzureIoTHub.EventHubs;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.AzureIoTHub.Tests.EventHubs;

/// <summary>
/// The events of the hub's Event Hubs-compatible endpoint, made with EventHubsModelFactory as the documentation
/// describes them, become the same readings and alerts as through Event Grid, and the routed notifications become
/// connection changes, reported properties and identity changes.
/// </summary>
public sealed class IoTHubEventHubsParserTests
{
    private const string AlertProperty = "fieldlink-alert";

    [Fact]
    public void A_device_to_cloud_message_becomes_readings_of_its_device_at_the_hub_s_enqueued_time()
    {
        var batch = Parse(IoTHubEvents.Telemetry("pump-7", """{"Weather":{"Temperature":21.5,"Humidity":40},"status":"ok"}""", 10));

        var reading = Assert.Single(batch.Telemetry);
        Assert.Equal(("pump-7", IoTHubEvents.Enqueued), (reading.DeviceId, reading.Timestamp));
        Assert.Equal(new Dictionary<string, double> { ["Weather.Temperature"] = 21.5, ["Weather.Humidity"] = 40 }, reading.Values);
        Assert.Empty(batch.Alerts);
        Assert.Empty(batch.Unusable);
    }

    [Fact]
    public void A_message_with_the_alert_property_becomes_an_alert_and_the_same_message_delivered_twice_has_one_token()
    {
        var properties = new Dictionary<string, object> { [AlertProperty] = "Bearing temperature high", [AlertProperty + "-type"] = "PreventiveMaintenance" };
        var first = IoTHubEvents.Telemetry("pump-7", """{"BearingTemperature":97}""", 11, properties, messageId: "msg-0042");
        var again = IoTHubEvents.Telemetry("pump-7", """{"BearingTemperature":97}""", 11, properties, messageId: "msg-0042");

        var batch = Parse(first, again);

        Assert.Equal(2, batch.Alerts.Count);
        var alert = batch.Alerts[0];
        Assert.Equal(("pump-7", "Bearing temperature high", AlertType.PreventiveMaintenance, IoTHubEvents.Enqueued), (alert.DeviceId, alert.Description, alert.AlertType, alert.AlertTime));
        Assert.Equal(97, (double)alert.Data!["BearingTemperature"]!);
        Assert.Single(batch.Alerts.Select(a => a.Token).Distinct());
        Assert.Equal("pump-7/msg-0042", alert.Token);
        Assert.Equal(2, batch.Telemetry.Count);
    }

    [Fact]
    public void A_message_without_a_message_id_is_an_alert_whose_token_is_its_partition_and_sequence_number()
    {
        var properties = new Dictionary<string, object> { [AlertProperty] = "true" };

        var batch = Parse(
            IoTHubEvents.Telemetry("pump-7", """{"description":"Door opened"}""", 12, properties),
            IoTHubEvents.Telemetry("pump-7", """{"description":"Door opened"}""", 13, properties));

        Assert.Equal(["3/12", "3/13"], batch.Alerts.Select(a => a.Token));
        Assert.Equal("Door opened", batch.Alerts[0].Description);
        Assert.Empty(batch.Telemetry);
        Assert.Empty(batch.Unusable);
    }

    [Fact]
    public void A_token_longer_than_the_store_keeps_is_hashed_and_still_tells_messages_apart()
    {
        var deviceId = new string('d', 128);

        var first = IoTHubEventHubsParser.AlertToken(deviceId, new string('m', 100), "0", 1);
        var second = IoTHubEventHubsParser.AlertToken(deviceId, new string('m', 99) + "n", "0", 1);

        Assert.StartsWith("sha256:", first, StringComparison.Ordinal);
        Assert.True(first.Length <= IoTHubEventHubsParser.MaxTokenLength);
        Assert.NotEqual(first, second);
        Assert.Equal(first, IoTHubEventHubsParser.AlertToken(deviceId, new string('m', 100), "7", 99));
    }

    [Fact]
    public void Routed_connection_state_events_become_connection_changes_at_the_operation_s_time_oldest_first()
    {
        var connectedAt = IoTHubEvents.Enqueued.AddSeconds(-20);
        var disconnectedAt = IoTHubEvents.Enqueued.AddSeconds(-5);

        var batch = Parse(
            IoTHubEvents.Connection("pump-7", "deviceDisconnected", 21, disconnectedAt),
            IoTHubEvents.Connection("pump-7", "deviceConnected", 20, connectedAt));

        Assert.Equal(
            [new DeviceStateReport("pump-7", ConnectionState.Connected, LastActivityAt: connectedAt), new DeviceStateReport("pump-7", ConnectionState.Disconnected, LastActivityAt: disconnectedAt)],
            batch.States);
        Assert.Empty(batch.Telemetry);
    }

    [Fact]
    public void A_routed_twin_change_gives_the_reported_properties_it_changed_without_the_hub_s_metadata()
    {
        var batch = Parse(IoTHubEvents.TwinChange("pump-7", """
            {"version":4,"properties":{"reported":{"telemetryInterval":1000,"firmware":"2.1","$metadata":{"$lastUpdated":"2026-11-30T11:59:29Z"},"$version":2}}}
            """, 30));

        var change = Assert.Single(batch.Reported);
        Assert.Equal("pump-7", change.DeviceId);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["telemetryInterval"] = 1000, ["firmware"] = "2.1" }, change.ReportedProperties));
        Assert.Null(change.ConnectionState);
    }

    [Fact]
    public void A_twin_change_keeps_only_the_reported_properties_named_in_the_settings_and_a_desired_only_change_is_ignored()
    {
        var batch = IoTHubEventHubsParser.Parse(
            [
                IoTHubEvents.TwinChange("pump-7", """{"version":5,"properties":{"reported":{"telemetryInterval":1000,"firmware":"2.1"}}}""", 31),
                IoTHubEvents.TwinChange("pump-7", """{"version":6,"properties":{"desired":{"telemetryInterval":500}}}""", 32),
            ],
            "3",
            AlertProperty,
            ["firmware"]);

        Assert.True(JsonNode.DeepEquals(new JsonObject { ["firmware"] = "2.1" }, Assert.Single(batch.Reported).ReportedProperties));
        Assert.Equal(1, batch.Ignored);
    }

    [Fact]
    public void Routed_lifecycle_events_become_identities_created_and_deleted()
    {
        var batch = Parse(IoTHubEvents.Lifecycle("pump-8", "createDeviceIdentity", 40), IoTHubEvents.Lifecycle("pump-9", "deleteDeviceIdentity", 41));

        Assert.Equal([("pump-8", RegistrationStatus.Registered), ("pump-9", RegistrationStatus.Unregistered)], batch.Lifecycle.Select(l => (l.DeviceId, l.Status)));
    }

    [Fact]
    public void A_message_without_a_device_or_a_readable_body_is_a_dead_letter_with_the_reason()
    {
        var batch = Parse(
            IoTHubEvents.Make("""{"Temperature":20}""", [], IoTHubEvents.System(null, "Telemetry"), 50),
            IoTHubEvents.Telemetry("pump-7", "Temperature=20", 51),
            IoTHubEvents.Telemetry("pump-7", """{"status":"ok"}""", 52));

        Assert.Equal(
            ["An event without iothub-connection-device-id or deviceId.", "The telemetry body is not JSON in UTF-8.", "The telemetry body has no numeric value to keep as a reading."],
            batch.Unusable.Select(d => d.Reason));
        Assert.All(batch.Unusable, d => Assert.Equal("eventhubs", d.Source));
        Assert.Contains("Temperature=20", batch.Unusable[1].Payload, StringComparison.Ordinal);
        Assert.Empty(batch.Telemetry);
    }

    private static IoTHubEventHubsBatch Parse(params Azure.Messaging.EventHubs.EventData[] events) => IoTHubEventHubsParser.Parse(events, "3", AlertProperty, []);
}
