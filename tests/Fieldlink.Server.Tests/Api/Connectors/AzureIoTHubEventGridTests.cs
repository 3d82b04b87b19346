using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Api.Connectors;

/// <summary>
/// An Azure IoT Hub instance's Event Grid endpoint end to end, fed the documentation's sample deliveries: the
/// validation handshakes of both schemas, telemetry into readings, an alert marked by its application property (taken
/// once when delivered again), connection and lifecycle events into the device, and refusals of a missing code or a
/// body that is not a delivery. Both databases.
/// </summary>
public abstract class AzureIoTHubEventGridTests(FieldlinkServer server)
{
    private const string Secret = "event-grid-secret-0123456789";
    private readonly HttpClient _admin = server.Client();
    private readonly HttpClient _eventGrid = server.Client(key: null);

    [Fact]
    public async Task The_subscription_validation_event_is_answered_with_its_code_only_with_the_instance_s_code()
    {
        var (instance, _) = await InstanceAsync();

        var missing = await _eventGrid.PostRawAsync($"/api/v1/ingest/{instance}/eventgrid", EventGridSamples.SubscriptionValidation);
        var wrong = await _eventGrid.PostRawAsync($"/api/v1/ingest/{instance}/eventgrid?code=not-the-secret-at-all-000", EventGridSamples.SubscriptionValidation);
        var answer = await (await Deliver(instance, EventGridSamples.SubscriptionValidation)).ReadObjectAsync(HttpStatusCode.OK);

        Assert.Contains("eventGridSecret", (string)(await missing.ReadProblemAsync(HttpStatusCode.Unauthorized))["errors"]!["code"]![0]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(EventGridSamples.ValidationCode, (string)answer["validationResponse"]!);
    }

    [Fact]
    public async Task The_CloudEvents_handshake_allows_the_origin_it_was_asked_for()
    {
        var (instance, _) = await InstanceAsync();
        using var request = new HttpRequestMessage(HttpMethod.Options, $"/api/v1/ingest/{instance}/eventgrid?code={Secret}");
        request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");

        var response = await _eventGrid.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", response.Headers.GetValues("WebHook-Allowed-Origin").Single());
    }

    [Fact]
    public async Task Telemetry_in_either_schema_becomes_readings_of_the_device()
    {
        var (instance, device) = await InstanceAsync();
        var deviceId = (string)device["deviceId"]!;
        string earlier = At(-5), later = At(-4);

        var taken = await (await Deliver(instance, EventGridSamples.Telemetry(deviceId, earlier))).ReadObjectAsync(HttpStatusCode.OK);
        await (await Deliver(instance, EventGridSamples.CloudEventTelemetry(deviceId).Replace("2019-01-07T20:58:30.48Z", later, StringComparison.Ordinal))).ReadObjectAsync(HttpStatusCode.OK);

        Assert.Equal(1, (int)taken["telemetry"]!);
        var readings = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/readings?interval=P1D&measures=Weather.Temperature")).ReadObjectAsync(HttpStatusCode.OK);
        var bucket = Assert.Single(readings["measures"]!["Weather.Temperature"]!.AsArray())!;
        Assert.Equal(2, (long)bucket["count"]!);
        Assert.Equal(900, (double)bucket["avg"]!);
    }

    [Fact]
    public async Task A_telemetry_message_marked_as_an_alert_is_one_alert_even_when_Event_Grid_delivers_it_twice()
    {
        var (instance, device) = await InstanceAsync();
        var body = EventGridSamples.Base64AlertTelemetry((string)device["deviceId"]!, At(0));

        var first = await (await Deliver(instance, body)).ReadObjectAsync(HttpStatusCode.OK);
        await (await Deliver(instance, body)).ReadObjectAsync(HttpStatusCode.OK);

        Assert.Equal(1, (int)first["alerts"]!);
        var alerts = (await (await _admin.GetAsync($"/api/v1/alerts?$filter=providerInstanceId eq {instance}")).ReadObjectAsync(HttpStatusCode.OK))["value"]!.AsArray();
        var alert = Assert.Single(alerts)!;
        Assert.Equal("Overheating", (string)alert["description"]!);
        Assert.Equal("PreventiveMaintenance", (string)alert["alertType"]!);
    }

    [Fact]
    public async Task Connection_and_lifecycle_events_update_the_device()
    {
        var (instance, device) = await InstanceAsync();
        var deviceId = (string)device["deviceId"]!;

        var state = await (await Deliver(instance, EventGridSamples.ConnectedThenDisconnected(deviceId))).ReadObjectAsync(HttpStatusCode.OK);
        var created = await (await Deliver(instance, EventGridSamples.Lifecycle("DeviceCreated", deviceId))).ReadObjectAsync(HttpStatusCode.OK);
        var afterCreated = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        await (await Deliver(instance, EventGridSamples.Lifecycle("DeviceDeleted", deviceId))).ReadObjectAsync(HttpStatusCode.OK);
        var afterDeleted = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}")).ReadObjectAsync(HttpStatusCode.OK);

        Assert.Equal((2, 1), ((int)state["states"]!, (int)created["registrations"]!));
        Assert.Equal("Disconnected", (string)afterCreated["connectionState"]!);
        Assert.Equal("Registered", (string)afterCreated["registrationStatus"]!);
        Assert.Equal("Unregistered", (string)afterDeleted["registrationStatus"]!);
    }

    [Fact]
    public async Task A_body_that_is_not_a_delivery_is_refused_naming_the_body()
    {
        var (instance, _) = await InstanceAsync();

        var response = await Deliver(instance, """{"hello": "world"}""");

        await response.ReadFieldErrorAsync("body");
    }

    [Fact]
    public async Task A_delivery_to_an_instance_of_another_connector_is_not_found()
    {
        var instance = await Registry.InstanceAsync(_admin);

        var response = await Deliver(instance.Id(), EventGridSamples.SubscriptionValidation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Saving_an_instance_with_a_device_s_connection_string_is_refused_naming_the_setting()
    {
        var provider = await Registry.ProviderAsync(_admin, "azure-iot-hub");

        var response = await _admin.PostJsonAsync("/api/v1/providerInstances", new
        {
            providerId = provider.Id(),
            name = Registry.Unique("Hub"),
            settings = new { connectionString = "HostName=contoso-hub.azure-devices.net;DeviceId=pump-7;SharedAccessKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", eventGridSecret = Secret },
        });

        Assert.Contains("it has DeviceId", await response.ReadFieldErrorAsync("settings.connectionString"), StringComparison.Ordinal);
    }

    private static string At(int minutesFromNow) =>
        DateTimeOffset.UtcNow.AddMinutes(minutesFromNow).ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    private Task<HttpResponseMessage> Deliver(Guid instance, string body) =>
        _eventGrid.PostRawAsync($"/api/v1/ingest/{instance}/eventgrid?code={Secret}", body);

    private async Task<(Guid Instance, JsonObject Device)> InstanceAsync()
    {
        var provider = await Registry.ProviderAsync(_admin, "azure-iot-hub");
        var instance = await Registry.InstanceAsync(_admin, provider.Id(), new
        {
            connectionString = $"HostName=contoso-hub.azure-devices.invalid;SharedAccessKeyName=fieldlink;SharedAccessKey={Convert.ToBase64String(new byte[32])}",
            eventGridSecret = Secret,
        });
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        return (instance.Id(), device);
    }
}

public sealed class AzureIoTHubEventGridOnSqliteTests(SqliteServer server) : AzureIoTHubEventGridTests(server), IClassFixture<SqliteServer>;

public sealed class AzureIoTHubEventGridOnPostgresTests(PostgresServer server) : AzureIoTHubEventGridTests(server), IClassFixture<PostgresServer>;
