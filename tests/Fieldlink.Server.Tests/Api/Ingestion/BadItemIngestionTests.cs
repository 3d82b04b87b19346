using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;
using static Fieldlink.Server.Tests.Api.Readings.ReadingsFixture;

namespace Fieldlink.Server.Tests.Api.Ingestion;

/// <summary>
/// Issue 9, item 3: one item a database cannot store (a time before 2000, a NUL character, an unpaired surrogate, a
/// number no double holds) is refused alone as <c>invalid</c>, naming its field, and the rest of its batch is stored;
/// never a 500. Raw JSON bodies, so the escapes reach the server as a device would send them. Both databases.
/// </summary>
public abstract class BadItemIngestionTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Alerts_with_unstorable_times_or_text_are_invalid_naming_the_field_and_the_good_ones_are_stored()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var body = """
            [
              {"deviceId": "d-1", "description": "Before", "token": "good-1"},
              {"deviceId": "d-1", "description": "Year one", "alertTime": "0001-01-01T00:00:00Z"},
              {"deviceId": "d-1", "description": "Five minutes into year one", "alertTime": "0001-01-01T00:04:59Z"},
              {"deviceId": "d-1", "description": "Unix seconds as milliseconds", "alertTime": "1970-01-20T12:00:00Z"},
              {"deviceId": "d-1", "description": "Far ahead", "alertTime": "9999-12-31T23:59:59Z"},
              {"deviceId": "d\u0000-1", "description": "NUL in the device id"},
              {"deviceId": "d-1", "description": "NUL \u0000 in the description"},
              {"deviceId": "d-1", "description": "NUL in the token", "token": "t\u0000"},
              {"deviceId": "d-1", "description": "Lone surrogate \ud800 in the description"},
              {"deviceId": "d-1", "description": "NUL in the data", "data": {"note": "a\u0000b"}},
              {"deviceId": "d-1", "description": "NUL in a data name", "data": {"a\u0000": 1}},
              {"deviceId": "d-1", "description": "Number no double holds", "data": {"big": 1e400}},
              {"deviceId": "d-1", "description": "After", "token": "good-2", "alertTime": "2001-01-01T00:00:00Z"}
            ]
            """;

        var results = await (await _admin.PostRawAsync($"/api/v1/ingest/alerts?instance={instance.Id()}", body)).ReadResultsAsync();

        Assert.Equal(
            ["created", "invalid", "invalid", "invalid", "invalid", "invalid", "invalid", "invalid", "invalid", "invalid", "invalid", "invalid", "created"],
            results.Select(r => (string)r!["status"]!));
        Assert.Equal(
            ["alertTime", "alertTime", "alertTime", "alertTime", "deviceId", "description", "token", "description", "data", "data", "data"],
            results.Skip(1).Take(11).Select(r => Assert.Single(r!["errors"]!.AsObject()).Key));
        Assert.Contains("2000-01-01", (string)results[1]!["errors"]!["alertTime"]![0]!, StringComparison.Ordinal);
        Assert.Contains("NUL", (string)results[6]!["errors"]!["description"]![0]!, StringComparison.Ordinal);
        var listed = await (await _admin.GetAsync($"/api/v1/alerts?$filter=providerInstanceId eq {instance.Id()}&$orderby=token")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(["good-1", "good-2"], listed["value"]!.AsArray().Select(a => (string)a!["token"]!));
    }

    [Fact]
    public async Task Telemetry_with_unstorable_times_or_measure_names_is_invalid_and_the_good_readings_are_stored()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var meter = await Registry.DeviceAsync(_admin, instance.Id(), deviceId: Registry.Unique("meter"));
        var device = (string)meter["deviceId"]!;
        var at = BaseTime.AddMinutes(11);
        var body = $$$"""
            [
              {"deviceId": "{{{device}}}", "timestamp": "{{{at:O}}}", "values": {"t": 1}},
              {"deviceId": "{{{device}}}", "timestamp": "0001-01-01T00:00:00Z", "values": {"t": 2}},
              {"deviceId": "{{{device}}}", "timestamp": "1970-01-20T12:00:00Z", "values": {"t": 3}},
              {"deviceId": "{{{device}}}\u0000", "values": {"t": 4}},
              {"deviceId": "{{{device}}}", "values": {"t\u0000": 5}},
              {"deviceId": "{{{device}}}", "values": {"t\ud800": 6}},
              {"deviceId": "{{{device}}}", "timestamp": "{{{at.AddMinutes(1):O}}}", "values": {"t": 7}}
            ]
            """;

        var results = await (await _admin.PostRawAsync($"/api/v1/ingest/telemetry?instance={instance.Id()}", body)).ReadResultsAsync();

        Assert.Equal(["stored", "invalid", "invalid", "invalid", "invalid", "invalid", "stored"], results.Select(r => (string)r!["status"]!));
        Assert.Equal(["timestamp", "timestamp", "deviceId", "values.t\\u0000", "values"], results.Skip(1).Take(5).Select(r => Assert.Single(r!["errors"]!.AsObject()).Key));
        Assert.Equal([(at, 1.0), (at.AddMinutes(1), 7.0)], await AllAsync(server, meter.Id(), "t"));
    }

    [Fact]
    public async Task State_with_unstorable_reported_properties_or_times_is_invalid_and_the_good_state_is_stored()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id(), deviceId: Registry.Unique("valve"));
        var deviceId = (string)device["deviceId"]!;
        var body = $$$"""
            [
              {"deviceId": "{{{deviceId}}}", "reportedProperties": {"firmware": "1.0"}},
              {"deviceId": "{{{deviceId}}}", "reportedProperties": {"serial": "S\u0000"}},
              {"deviceId": "{{{deviceId}}}", "reportedProperties": {"bad\u0000name": 1}},
              {"deviceId": "{{{deviceId}}}", "lastActivityAt": "0001-01-01T00:00:00Z"},
              {"deviceId": "{{{deviceId}}}", "reportedProperties": {"mode": "eco"}}
            ]
            """;

        var results = await (await _admin.PostRawAsync($"/api/v1/ingest/state?instance={instance.Id()}", body)).ReadResultsAsync();

        Assert.Equal(["stored", "invalid", "invalid", "invalid", "stored"], results.Select(r => (string)r!["status"]!));
        Assert.Equal(["reportedProperties", "reportedProperties", "lastActivityAt"], results.Skip(1).Take(3).Select(r => Assert.Single(r!["errors"]!.AsObject()).Key));
        var stored = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(("1.0", "eco"), ((string)stored["reportedProperties"]!["firmware"]!, (string)stored["reportedProperties"]!["mode"]!));
        Assert.Null(stored["reportedProperties"]!["serial"]);
    }
}

public sealed class BadItemIngestionOnSqliteTests(SqliteServer server) : BadItemIngestionTests(server), IClassFixture<SqliteServer>;

public sealed class BadItemIngestionOnPostgresTests(PostgresServer server) : BadItemIngestionTests(server), IClassFixture<PostgresServer>;
