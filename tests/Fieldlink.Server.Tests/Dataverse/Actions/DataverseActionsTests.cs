using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Dataverse.Actions;

/// <summary>
/// The reference's IoT actions called as its documentation shows, on both databases: each answers its documented
/// output, and does what /api/v1's action does (the device registered, its data pulled, the command tracked).
/// </summary>
public abstract class DataverseActionsTests(FieldlinkServer server)
{
    private const string Registered = "Registered at vendor.example";

    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Register_takes_an_EntityCollection_and_answers_RegistrationResultsJSON_per_device()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var good = await Registry.DeviceAsync(_admin, instance.Id());
        var rejected = await Registry.DeviceAsync(_admin, instance.Id(), deviceId: Registry.Unique("reject"));

        var results = (await (await _admin.CallAsync("msdyn_IoTHubRegisterDevice", new JsonObject { ["EntityCollection"] = DataverseCalls.Devices(good, rejected) }))
            .ReadOutputAsync("msdyn_IoTHubRegisterDevice", "RegistrationResultsJSON")).AsArray();

        Assert.Equal(2, results.Count);
        Assert.Equal(good.Id(), Guid.Parse((string)results[0]!["Id"]!));
        Assert.Equal(192350003, (int)results[0]!["RegistrationStatus"]!["Value"]!);
        Assert.Equal((string)good["deviceId"]!, (string)results[0]!["DeviceId"]!);
        Assert.Equal(Registered, (string)results[0]!["Message"]!);
        Assert.Equal(rejected.Id(), Guid.Parse((string)results[1]!["Id"]!));
        Assert.Equal(192350004, (int)results[1]!["RegistrationStatus"]!["Value"]!);
        Assert.Equal("The vendor rejects this device.", (string)results[1]!["Message"]!);
        var device = await (await _admin.GetAsync($"/api/v1/devices/{good.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Registered", (string)device["registrationStatus"]!);
    }

    [Fact]
    public async Task The_older_register_action_takes_ids_separated_by_commas_and_answers_204()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var first = await Registry.DeviceAsync(_admin, instance.Id());
        var second = await Registry.DeviceAsync(_admin, instance.Id());

        var response = await _admin.CallAsync("msdyn_RegisterIoTDevice", new JsonObject { ["IoTDeviceIds"] = $"{first.Id()}, {second.Id()}" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        foreach (var device in new[] { first, second })
        {
            var read = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
            Assert.Equal("Registered", (string)read["registrationStatus"]!);
        }

        var message = await (await _admin.CallAsync("msdyn_RegisterIoTDevice", new JsonObject { ["IoTDeviceIds"] = $"{first.Id()},HVAC 32443" }))
            .ReadErrorAsync(HttpStatusCode.BadRequest, "0x80040203");
        Assert.Contains("IoTDeviceIds", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_answers_PullDeviceDataResultsJSON_and_updates_the_device()
    {
        var device = await Registry.DeviceAsync(_admin, (await Registry.VendorInstanceAsync(_admin)).Id());

        var results = (await (await _admin.CallAsync("msdyn_IoTPullDeviceData", new JsonObject { ["EntityCollection"] = DataverseCalls.Devices(device) }))
            .ReadOutputAsync("msdyn_IoTPullDeviceData", "PullDeviceDataResultsJSON")).AsArray();

        var result = Assert.Single(results)!;
        Assert.Equal(device.Id(), Guid.Parse((string)result["Id"]!));
        Assert.True((bool)result["ConnectionState"]!);
        Assert.Equal(65.6, (double)result["DeviceReportedProperties"]!["temperature"]!);
        var activity = DateTimeOffset.Parse((string)result["LastActivityTime"]!, CultureInfo.InvariantCulture);
        var changed = DateTimeOffset.Parse((string)result["ConnectionStateUpdatedTime"]!, CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromMinutes(5), activity - changed);
        var read = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Connected", (string)read["connectionState"]!);
        Assert.Equal(21.3, (double)read["reportedProperties"]!["humidity"]!);
    }

    [Fact]
    public async Task Query_readings_answers_buckets_by_device_name_measure_and_time()
    {
        var (device, start) = await DeviceWithReadingsAsync();

        // The reference's own sample writes IotDeviceId.
        var readings = (await (await _admin.CallAsync("msdyn_IoTHubQueryDeviceReadings", new JsonObject
        {
            ["From"] = Time(start),
            ["To"] = Time(start.AddHours(3)),
            ["IotDeviceId"] = device.Id().ToString(),
            ["Interval"] = "PT1H",
        })).ReadOutputAsync("msdyn_IoTHubQueryDeviceReadings", "AggregatedDeviceReadings")).AsObject();

        var measures = readings[(string)device["name"]!]!.AsObject();
        var temperature = measures["temperature"]!.AsObject();
        Assert.Equal([Time(start), Time(start.AddHours(1))], temperature.Select(b => b.Key));
        var second = temperature[Time(start.AddHours(1))]!;
        Assert.Equal(22, (double)second["min"]!);
        Assert.Equal(24, (double)second["max"]!);
        Assert.Equal(23, (double)second["avg"]!);
        Assert.Equal(46, (double)second["sum"]!);
        Assert.Equal(2, (long)second["count"]!);
        Assert.Equal(40, (double)measures["humidity"]![Time(start)]!["avg"]!);
    }

    [Fact]
    public async Task A_month_of_Interval_is_30_days()
    {
        var (device, start) = await DeviceWithReadingsAsync();
        var from = start.AddDays(-60);

        var readings = await (await _admin.CallAsync("msdyn_IoTQueryDeviceReadings", new JsonObject
        {
            ["From"] = Time(from),
            ["To"] = Time(start.AddHours(3)),
            ["IoTDeviceId"] = device.Id().ToString(),
            ["Interval"] = "P1M",
        })).ReadOutputAsync("msdyn_IoTQueryDeviceReadings", "AggregatedDeviceReadings");

        var bucket = Assert.Single(readings[(string)device["name"]!]!["temperature"]!.AsObject());
        Assert.Equal(Time(from.AddDays(60)), bucket.Key);
        Assert.Equal(3, (long)bucket.Value!["count"]!);
    }

    [Fact]
    public async Task Aggregated_readings_take_measures_as_a_string_and_answer_measuresOutput()
    {
        var (device, _) = await DeviceWithReadingsAsync();
        const string measures = """[{"Measure":"temperature","Aggregate":"Max","TimeRangeType":"Days","TimeRangeValue":7},{"Measure":"humidity","Aggregate":"Avg","TimeRangeType":"Days","TimeRangeValue":1}]""";

        var output = (await (await _admin.CallAsync("msdyn_IoTGetAggregatedDeviceReadings", new JsonObject { ["deviceId"] = device.Id().ToString(), ["measures"] = measures }))
            .ReadOutputAsync("msdyn_IoTGetAggregatedDeviceReadings", "measuresOutput")).AsArray();

        Assert.Equal(2, output.Count);
        Assert.Equal("temperature", (string)output[0]!["Name"]!);
        Assert.Equal("Max", (string)output[0]!["Aggregate"]!);
        Assert.Equal("Days", (string)output[0]!["TimeRangeType"]!);
        Assert.Equal(7, (int)output[0]!["TimeRangeValue"]!);
        Assert.Equal(1, (int)output[0]!["Position"]!);
        Assert.Equal("24", (string)output[0]!["Value"]!);
        Assert.Equal(2, (int)output[1]!["Position"]!);
        Assert.Equal("40", (string)output[1]!["Value"]!);
    }

    [Fact]
    public async Task Device_events_answer_EventsData_by_series_and_time_with_the_reference_table_names()
    {
        var device = await Registry.DeviceAsync(_admin, (await Registry.VendorInstanceAsync(_admin)).Id());
        await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/register", null)).ReadObjectAsync(HttpStatusCode.OK);
        // As stored: the store keeps times to the millisecond (SQLite) or microsecond (PostgreSQL).
        var registration = Assert.Single((await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/registrations")).ReadObjectAsync(HttpStatusCode.OK))["value"]!.AsArray())!.AsObject();

        var events = await (await _admin.CallAsync("msdyn_IoTGetDeviceEvents", new JsonObject
        {
            ["IotDeviceId"] = device.Id().ToString(),
            ["From"] = Time(DateTimeOffset.UtcNow.AddHours(-1)),
            ["To"] = Time(DateTimeOffset.UtcNow.AddMinutes(1)),
        })).ReadOutputAsync("msdyn_IoTGetDeviceEvents", "EventsData");

        var pin = Assert.Single(events["Registrations"]!.AsObject());
        Assert.Equal(DateTimeOffset.Parse((string)registration["createdAt"]!, CultureInfo.InvariantCulture), DateTimeOffset.Parse(pin.Key, CultureInfo.InvariantCulture));
        Assert.Equal("msdyn_iotdeviceregistrationhistory", (string)pin.Value!["entity"]!);
        Assert.Equal("Registration: Registered", (string)pin.Value!["description"]!);
        Assert.Equal(registration.Id(), Guid.Parse((string)pin.Value!["guid"]!));
        Assert.Equal("#2E7D32", (string)pin.Value!["color"]!);
        Assert.Empty(events["Alerts"]!.AsObject());
    }

    [Fact]
    public async Task Send_command_makes_a_tracked_command_and_answers_its_id()
    {
        var device = await Registry.DeviceAsync(_admin, (await Registry.VendorInstanceAsync(_admin)).Id());

        var results = (await (await _admin.CallAsync("msdyn_IoTSendCommand", new JsonObject
        {
            ["EntityCollection"] = DataverseCalls.Devices(device),
            ["CommandName"] = "Notification",
            ["Parameters"] = new JsonObject { ["Message"] = "Technician has been dispatched" },
        })).ReadOutputAsync("msdyn_IoTSendCommand", "SendCommandResultsJSON")).AsArray();

        var result = Assert.Single(results)!;
        Assert.Equal(device.Id(), Guid.Parse((string)result["Id"]!));
        Assert.Equal(192350000, (int)result["Status"]!["Value"]!);
        var command = await (await _admin.GetAsync($"/api/v1/commands/{(string)result["CommandId"]!}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Notification", (string)command["name"]!);
        Assert.Equal("Technician has been dispatched", (string)command["parameters"]!["Message"]!);
        Assert.Equal(device.Id(), Guid.Parse((string)command["deviceRecordId"]!));
    }

    [Fact]
    public async Task Send_command_takes_the_references_message_as_a_string()
    {
        var device = await Registry.DeviceAsync(_admin, (await Registry.VendorInstanceAsync(_admin)).Id());

        var results = (await (await _admin.CallAsync("msdyn_IoTSendCommand", new JsonObject
        {
            ["EntityCollection"] = DataverseCalls.Devices(device),
            ["Message"] = """{"CommandName":"Set Values","Parameters":{"Reading":{"Temperature":"30","Humidity":"30"}}}""",
        })).ReadOutputAsync("msdyn_IoTSendCommand", "SendCommandResultsJSON")).AsArray();

        var command = await (await _admin.GetAsync($"/api/v1/commands/{(string)Assert.Single(results)!["CommandId"]!}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Set Values", (string)command["name"]!);
        Assert.Equal("30", (string)command["parameters"]!["Reading"]!["Temperature"]!);
    }

    [Theory]
    [InlineData("msdyn_IoTRegisterDevice", "{}", "EntityCollection")]
    [InlineData("msdyn_IoTPullDeviceData", """{"EntityCollection":[{"msdyn_iotdeviceid":"HVAC 32443","@odata.type":"Microsoft.Dynamics.CRM.msdyn_iotdevice"}]}""", "EntityCollection[0].msdyn_iotdeviceid")]
    [InlineData("msdyn_IoTPullDeviceData", """{"EntityCollection":[{"msdyn_customerassetid":"5754578d-1f9a-4720-bc21-3c3042c05b2f","@odata.type":"Microsoft.Dynamics.CRM.msdyn_customerasset"}]}""", "EntityCollection[0].@odata.type")]
    [InlineData("msdyn_IoTQueryDeviceReadings", """{"IoTDeviceId":"5754578d-1f9a-4720-bc21-3c3042c05b2f","Interval":"an hour"}""", "Interval")]
    [InlineData("msdyn_IoTQueryDeviceReadings", """{"IoTDeviceId":"5754578d-1f9a-4720-bc21-3c3042c05b2f","From":"2026-02-01T00:00:00Z","To":"2026-01-01T00:00:00Z"}""", "From")]
    [InlineData("msdyn_IoTGetDeviceEvents", """{"From":"yesterday"}""", "IoTDeviceId")]
    [InlineData("msdyn_IoTGetAggregatedDeviceReadings", """{"deviceId":"5754578d-1f9a-4720-bc21-3c3042c05b2f","measures":"[{\"Measure\":\"t\",\"Aggregate\":\"Median\",\"TimeRangeType\":\"Days\",\"TimeRangeValue\":7}]"}""", "measures[0].Aggregate")]
    [InlineData("msdyn_IoTSendCommand", """{"EntityCollection":[{"msdyn_iotdeviceid":"5754578d-1f9a-4720-bc21-3c3042c05b2f"}]}""", "CommandName")]
    [InlineData("msdyn_IoTGetDeviceEvents", "[1, 2]", "request body")]
    public async Task A_wrong_parameter_is_400_naming_it(string action, string body, string parameter)
    {
        var message = await (await _admin.PostRawAsync(DataverseCalls.Base + action, body)).ReadErrorAsync(HttpStatusCode.BadRequest, "0x80040203");
        Assert.Contains(parameter, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("msdyn_IoTHubRegisterDevice", """{"EntityCollection":[{"msdyn_iotdeviceid":"ID","@odata.type":"Microsoft.Dynamics.CRM.msdyn_iotdevice"}]}""")]
    [InlineData("msdyn_IoTHubPullDeviceData", """{"EntityCollection":[{"msdyn_iotdeviceid":"ID"}]}""")]
    [InlineData("msdyn_IoTQueryDeviceReadings", """{"IoTDeviceId":"ID"}""")]
    [InlineData("msdyn_IoTGetAggregatedDeviceReadings", """{"deviceId":"ID","measures":[{"Measure":"t","Aggregate":"Avg","TimeRangeType":"Days","TimeRangeValue":7}]}""")]
    [InlineData("msdyn_IoTGetDeviceEvents", """{"IoTDeviceId":"ID"}""")]
    [InlineData("msdyn_IoTSendCommand", """{"EntityCollection":[{"msdyn_iotdeviceid":"ID"}],"CommandName":"Reset Thermostat"}""")]
    public async Task An_unknown_device_is_404(string action, string body)
    {
        var id = Guid.NewGuid();
        var message = await (await _admin.PostRawAsync(DataverseCalls.Base + action, body.Replace("ID", id.ToString(), StringComparison.Ordinal)))
            .ReadErrorAsync(HttpStatusCode.NotFound, "0x80040217");
        Assert.Contains(id.ToString(), message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Technicians_may_read_readings_and_events_but_not_act_on_devices()
    {
        var device = await Registry.DeviceAsync(_admin, (await Registry.VendorInstanceAsync(_admin)).Id());
        var technician = new HttpClient { BaseAddress = _admin.BaseAddress };
        technician.DefaultRequestHeaders.Authorization = new("Bearer", await Registry.KeyAsync(_admin, "Technician"));
        var one = new JsonObject { ["IoTDeviceId"] = device.Id().ToString() };

        await (await technician.CallAsync("msdyn_IoTQueryDeviceReadings", one)).ReadOutputAsync("msdyn_IoTQueryDeviceReadings", "AggregatedDeviceReadings");
        await (await technician.CallAsync("msdyn_IoTGetDeviceEvents", one.DeepClone().AsObject())).ReadOutputAsync("msdyn_IoTGetDeviceEvents", "EventsData");
        foreach (var action in new[] { "msdyn_IoTRegisterDevice", "msdyn_IoTHubPullDeviceData", "msdyn_IoTSendCommand" })
        {
            var body = new JsonObject { ["EntityCollection"] = DataverseCalls.Devices(device), ["CommandName"] = "Reset Thermostat" };
            var message = await (await technician.CallAsync(action, body)).ReadErrorAsync(HttpStatusCode.Forbidden, "0x80040220");
            Assert.Contains(action, message, StringComparison.Ordinal);
        }

        var history = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/registrations?$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)history["@odata.count"]!);
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A device with readings in the last hours: temperature 20 ten minutes after the returned start, 22 and 24 an hour
    /// later; humidity 40 at the first. The start is a whole hour, three hours ago.
    /// </summary>
    private async Task<(JsonObject Device, DateTimeOffset Start)> DeviceWithReadingsAsync()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-3);
        var deviceId = (string)device["deviceId"]!;
        var items = new[]
        {
            new { deviceId, timestamp = start.AddMinutes(10), values = new Dictionary<string, double> { ["temperature"] = 20, ["humidity"] = 40 } },
            new { deviceId, timestamp = start.AddMinutes(70), values = new Dictionary<string, double> { ["temperature"] = 22 } },
            new { deviceId, timestamp = start.AddMinutes(80), values = new Dictionary<string, double> { ["temperature"] = 24 } },
        };
        var results = await (await _admin.PostJsonAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", items)).ReadObjectAsArrayAsync();
        Assert.All(results, r => Assert.NotEqual("invalid", (string)r!["status"]!));
        return (device, start);
    }
}

public sealed class DataverseActionsOnSqliteTests(SqliteServer server) : DataverseActionsTests(server), IClassFixture<SqliteServer>;

public sealed class DataverseActionsOnPostgresTests(PostgresServer server) : DataverseActionsTests(server), IClassFixture<PostgresServer>;
