using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Alerts;

/// <summary>Alerts in: one list across providers, idempotent by token, unmatched kept, invalid items refused alone. Both databases.</summary>
public abstract class AlertIngestionTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task An_alert_is_stored_and_listed_with_its_provider_and_instance()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id(), deviceId: Registry.Unique("chiller"));
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);

        var result = await AlertPosts.CreateAsync(_admin, instance.Id(), new
        {
            deviceId = (string)device["deviceId"]!,
            alertType = "PreventiveMaintenance",
            description = "Filter due",
            alertTime = at,
            data = new { hours = 2000 },
            token = "evt-1",
            url = "https://vendor.example/events/1",
        });

        var alert = await AlertPosts.ReadAsync(_admin, result.AlertId());
        Assert.Equal(device.Id(), Guid.Parse((string)alert["deviceRecordId"]!));
        Assert.Equal(instance.Id(), Guid.Parse((string)alert["providerInstanceId"]!));
        Assert.Equal((string)instance["providerId"]!, (string)alert["providerId"]!);
        Assert.Equal("PreventiveMaintenance", (string)alert["alertType"]!);
        Assert.Equal(2000, (int)alert["data"]!["hours"]!);
        Assert.Equal("Active", (string)alert["status"]!);
        Assert.Null(alert["parentAlertId"]);
        var listed = await (await _admin.GetAsync($"/api/v1/alerts?$filter=providerInstanceId eq {instance.Id()}&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)listed["@odata.count"]!);
    }

    [Fact]
    public async Task Alerts_default_to_Anomaly_at_the_time_they_arrive()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var result = await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = "d-1", description = "Something" });

        var alert = await AlertPosts.ReadAsync(_admin, result.AlertId());
        Assert.Equal("Anomaly", (string)alert["alertType"]!);
        Assert.InRange(DateTimeOffset.Parse((string)alert["alertTime"]!, System.Globalization.CultureInfo.InvariantCulture), before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task The_same_token_from_the_same_instance_is_one_alert()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var other = await Registry.VendorInstanceAsync(_admin);
        var first = await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = "d-1", description = "Overheat", token = "evt-7" });

        var again = await AlertPosts.PostAsync(_admin, instance.Id(), new { deviceId = "d-1", description = "Overheat", token = "evt-7" }, new { deviceId = "d-2", description = "Twice in one batch", token = "evt-8" }, new { deviceId = "d-2", description = "Twice in one batch", token = "evt-8" });
        var elsewhere = await AlertPosts.CreateAsync(_admin, other.Id(), new { deviceId = "d-1", description = "Overheat", token = "evt-7" });

        Assert.Equal("duplicate", (string)again[0]!["status"]!);
        Assert.Equal(first.AlertId(), again[0]!.AsObject().AlertId());
        Assert.Equal("created", (string)again[1]!["status"]!);
        Assert.Equal("duplicate", (string)again[2]!["status"]!);
        Assert.Equal(again[1]!.AsObject().AlertId(), again[2]!.AsObject().AlertId());
        Assert.NotEqual(first.AlertId(), elsewhere.AlertId());
        var count = await (await _admin.GetAsync($"/api/v1/alerts?$filter=providerInstanceId eq {instance.Id()}&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)count["@odata.count"]!);
    }

    [Fact]
    public async Task An_alert_of_an_unknown_device_is_kept_as_unmatched_and_filterable()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var result = await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = "never-registered", description = "Who am I" });

        var alert = await AlertPosts.ReadAsync(_admin, result.AlertId());
        Assert.Null(alert["deviceRecordId"]);
        Assert.Equal("never-registered", (string)alert["deviceId"]!);
        var unmatched = await (await _admin.GetAsync($"/api/v1/alerts?$filter=providerInstanceId eq {instance.Id()} and deviceRecordId eq null")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(result.AlertId(), Assert.Single(unmatched["value"]!.AsArray())!.AsObject().Id());
    }

    [Fact]
    public async Task A_batch_stores_its_valid_items_and_names_the_faults_of_the_others()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var results = await AlertPosts.PostAsync(_admin, instance.Id(),
            new { deviceId = "d-1", description = "Fine" },
            new { deviceId = "d-1" },
            new { deviceId = "d-1", description = "Bad type", alertType = "Catastrophe" },
            new { deviceId = "d-1", description = "Huge", data = new { blob = new string('x', 9000) } },
            new { deviceId = "d-1", description = "From the future", alertTime = DateTimeOffset.UtcNow.AddDays(3) },
            new { deviceId = "d-1", description = "Relative", url = "not/absolute" },
            new { description = "No device" });

        Assert.Equal(["created", "invalid", "invalid", "invalid", "invalid", "invalid", "invalid"], results.Select(r => (string)r!["status"]!));
        Assert.True(results[1]!["errors"]!.AsObject().ContainsKey("description"));
        Assert.True(results[2]!["errors"]!.AsObject().ContainsKey("alertType"));
        Assert.True(results[3]!["errors"]!.AsObject().ContainsKey("data"));
        Assert.True(results[4]!["errors"]!.AsObject().ContainsKey("alertTime"));
        Assert.True(results[5]!["errors"]!.AsObject().ContainsKey("url"));
        Assert.True(results[6]!["errors"]!.AsObject().ContainsKey("deviceId"));
        var count = await (await _admin.GetAsync($"/api/v1/alerts?$filter=providerInstanceId eq {instance.Id()}&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)count["@odata.count"]!);
    }

    [Fact]
    public async Task A_batch_over_1000_is_413_and_stores_nothing()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var alerts = Enumerable.Range(0, 1001).Select(i => new { deviceId = $"d-{i}", description = "Many" }).ToArray();

        await (await _admin.PostJsonAsync($"/api/v1/ingest/alerts?instance={instance.Id()}", alerts)).ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        var count = await (await _admin.GetAsync($"/api/v1/alerts?$filter=providerInstanceId eq {instance.Id()}&$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)count["@odata.count"]!);
    }

    [Fact]
    public async Task An_endpoint_key_posts_for_its_own_instance_only()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var other = await Registry.VendorInstanceAsync(_admin);
        var endpoint = server.Client(await Registry.KeyAsync(_admin, "Endpoint", instance.Id()));

        var created = await endpoint.PostJsonAsync("/api/v1/ingest/alerts", new { deviceId = "d-1", description = "From the vendor" });
        Assert.Equal("created", (string)(await created.ReadObjectAsArrayAsync())[0]!["status"]!);
        await (await endpoint.PostJsonAsync($"/api/v1/ingest/alerts?instance={other.Id()}", new { deviceId = "d-1", description = "Not mine" })).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await endpoint.GetAsync("/api/v1/alerts")).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_connector_reports_alerts_through_its_sink_into_the_same_list()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());

        await (await _admin.PostJsonAsync($"/api/v1/devices/{device.Id()}/actions/raise-alert", new { description = "Compressor stalled" })).ReadObjectAsync(HttpStatusCode.OK);

        var listed = await (await _admin.GetAsync($"/api/v1/alerts?$filter=deviceRecordId eq {device.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        var alert = Assert.Single(listed["value"]!.AsArray())!;
        Assert.Equal("Compressor stalled", (string)alert["description"]!);
    }
}

public sealed class AlertIngestionOnSqliteTests(SqliteServer server) : AlertIngestionTests(server), IClassFixture<SqliteServer>;

public sealed class AlertIngestionOnPostgresTests(PostgresServer server) : AlertIngestionTests(server), IClassFixture<PostgresServer>;
