using Fieldlink.Connectors.AzureIoTHub.EventGrid;
using Fieldlink.Sdk;
using Fieldlink.Testing;

namespace Fieldlink.Connectors.AzureIoTHub.Tests.EventGrid;

/// <summary>The documentation's sample deliveries, in both schemas, read into what Fieldlink stores.</summary>
public sealed class IoTHubEventGridParserTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-30T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_subscription_validation_event_gives_its_code_and_nothing_else()
    {
        var batch = Parse(EventGridSamples.SubscriptionValidation);

        Assert.Equal(EventGridSamples.ValidationCode, batch.ValidationCode);
        Assert.Empty(batch.Telemetry);
    }

    [Fact]
    public void A_telemetry_event_with_a_JSON_body_gives_its_numeric_values_by_path_at_the_enqueued_time()
    {
        var batch = Parse(EventGridSamples.Telemetry());

        var reading = Assert.Single(batch.Telemetry);
        Assert.Equal("d1", reading.DeviceId);
        Assert.Equal(DateTimeOffset.Parse("2019-01-07T20:58:30.48Z", System.Globalization.CultureInfo.InvariantCulture), reading.Timestamp);
        Assert.Equal(new Dictionary<string, double> { ["Weather.Temperature"] = 900 }, reading.Values);
        Assert.Empty(batch.Alerts);
        Assert.Empty(batch.Unusable);
    }

    [Fact]
    public void A_base64_body_marked_with_the_alert_property_gives_an_alert_and_its_readings()
    {
        var batch = Parse(EventGridSamples.Base64AlertTelemetry());

        var alert = Assert.Single(batch.Alerts);
        Assert.Equal(("d1", "Overheating", AlertType.PreventiveMaintenance), (alert.DeviceId, alert.Description, alert.AlertType));
        Assert.Equal("5b2c1f0e-1a1e-4e9f-9f2b-8c8a0e6f7d10", alert.Token);
        Assert.Equal(950, (double)alert.Data!["Weather"]!["Temperature"]!);
        Assert.Equal(950, Assert.Single(batch.Telemetry).Values["Weather.Temperature"]);
    }

    [Fact]
    public void An_alert_property_of_another_name_is_not_an_alert()
    {
        var batch = IoTHubEventGridParser.Parse(BinaryData.FromString(EventGridSamples.Base64AlertTelemetry()), "alarm", Now);

        Assert.Empty(batch.Alerts);
        Assert.Single(batch.Telemetry);
    }

    [Fact]
    public void Connection_events_become_device_state_oldest_first()
    {
        var batch = Parse(EventGridSamples.ConnectedThenDisconnected());

        Assert.Equal([ConnectionState.Connected, ConnectionState.Disconnected], batch.States.Select(s => s.ConnectionState!.Value));
        Assert.All(batch.States, s => Assert.Equal("LogicAppTestDevice", s.DeviceId));
        Assert.Equal(DateTimeOffset.Parse("2018-06-02T19:20:00Z", System.Globalization.CultureInfo.InvariantCulture), batch.States[1].LastActivityAt);
    }

    [Fact]
    public void A_module_s_connection_is_not_the_device_s()
    {
        var batch = Parse(EventGridSamples.ModuleConnected);

        Assert.Empty(batch.States);
        Assert.Equal(1, batch.Ignored);
    }

    [Theory]
    [InlineData("DeviceCreated", RegistrationStatus.Registered)]
    [InlineData("DeviceDeleted", RegistrationStatus.Unregistered)]
    public void Lifecycle_events_give_the_registration_status(string eventType, RegistrationStatus status)
    {
        var change = Assert.Single(Parse(EventGridSamples.Lifecycle(eventType)).Lifecycle);

        Assert.Equal(("LogicAppTestDevice", status), (change.DeviceId, change.Status));
    }

    [Fact]
    public void CloudEvents_are_read_as_the_Event_Grid_schema_is()
    {
        var telemetry = Parse(EventGridSamples.CloudEventTelemetry());
        var connected = Parse(EventGridSamples.CloudEventConnected());

        Assert.Equal(900, Assert.Single(telemetry.Telemetry).Values["Weather.Temperature"]);
        Assert.Equal(ConnectionState.Connected, Assert.Single(connected.States).ConnectionState);
    }

    [Fact]
    public void A_single_CloudEvent_in_structured_mode_is_read_as_a_batch_of_one()
    {
        var single = EventGridSamples.CloudEventTelemetry().Trim()[1..^1];

        Assert.Equal(900, Assert.Single(Parse(single).Telemetry).Values["Weather.Temperature"]);
    }

    [Fact]
    public void A_telemetry_body_that_is_neither_JSON_nor_base64_JSON_is_kept_as_a_dead_letter()
    {
        var batch = Parse(EventGridSamples.Telemetry().Replace("""{ "Weather": { "Temperature": 900 }, "Location": "USA" }""", "\"not base64 !\"", StringComparison.Ordinal));

        var dead = Assert.Single(batch.Unusable);
        Assert.Equal("d1", dead.DeviceId);
        Assert.Contains("neither JSON nor base64", dead.Reason, StringComparison.Ordinal);
        Assert.Empty(batch.Telemetry);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""[{"id": "x"}]""")]
    public void A_body_that_is_not_a_delivery_is_refused(string body)
    {
        Assert.Throws<FormatException>(() => Parse(body));
    }

    private static IoTHubEventBatch Parse(string body) => IoTHubEventGridParser.Parse(BinaryData.FromString(body), "fieldlink-alert", Now);
}
