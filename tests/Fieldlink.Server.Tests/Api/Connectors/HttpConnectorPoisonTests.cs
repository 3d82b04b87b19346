using System.Net;
using System.Text;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Fieldlink.Server.Tests.Api.Commands;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Api.Ingestion;
using Fieldlink.Server.Tests.Api.Webhooks;
using StandardWebhooks;
using static Fieldlink.Server.Tests.Api.Readings.ReadingsFixture;

namespace Fieldlink.Server.Tests.Api.Connectors;

/// <summary>
/// Issue 9's poison-message test for the http connector's signed pushes: an item no database can store (a time
/// before 2000, a NUL character, an unpaired surrogate) among good ones of several devices is refused alone, naming
/// its field; every good one, before and after it, is stored, and the next push is taken as usual. Both databases.
/// </summary>
public abstract class HttpConnectorPoisonTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();
    private readonly HttpClient _vendor = server.Client(key: null);
    private readonly string _secret = StandardWebhookSignature.NewSecret();

    [Fact]
    public async Task A_poison_alert_among_good_ones_is_refused_alone_and_the_stream_goes_on()
    {
        var (instance, a, b) = await InstanceAsync();
        var body = $$"""
            [
              {"deviceId": "{{a}}", "description": "Good 1", "token": "g1"},
              {"deviceId": "{{b}}", "description": "Good 2", "token": "g2"},
              {"deviceId": "{{a}}", "description": "Year one", "alertTime": "0001-01-01T00:00:00Z", "token": "p1"},
              {"deviceId": "{{b}}", "description": "NUL \u0000 here", "token": "p2"},
              {"deviceId": "{{a}}", "description": "Lone \udc00 surrogate", "token": "p3"},
              {"deviceId": "{{b}}", "description": "Good 3", "token": "g3"}
            ]
            """;

        var results = await (await PostSignedAsync($"/api/v1/ingest/{instance}/alerts", body)).ReadResultsAsync();
        var next = await (await PostSignedAsync($"/api/v1/ingest/{instance}/alerts", $$"""[{"deviceId": "{{a}}", "description": "Good 4", "token": "g4"}]""")).ReadResultsAsync();

        Assert.Equal(["created", "created", "invalid", "invalid", "invalid", "created"], results.Select(r => (string)r!["status"]!));
        Assert.Equal(["alertTime", "description", "description"], results.Skip(2).Take(3).Select(r => Assert.Single(r!["errors"]!.AsObject()).Key));
        Assert.Equal("created", (string)next[0]!["status"]!);
        var listed = await (await _admin.GetAsync($"/api/v1/alerts?$filter=providerInstanceId eq {instance}&$orderby=token")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(["g1", "g2", "g3", "g4"], listed["value"]!.AsArray().Select(x => (string)x!["token"]!));
    }

    [Fact]
    public async Task Poison_telemetry_and_a_poison_command_outcome_are_refused_alone_and_the_good_ones_stored()
    {
        var (instance, a, b) = await InstanceAsync();
        var at = BaseTime.AddMinutes(21);
        var body = $$$"""
            [
              {"deviceId": "{{{a}}}", "timestamp": "{{{at:O}}}", "values": {"t": 1}},
              {"deviceId": "{{{b}}}", "timestamp": "1970-01-21T00:00:00Z", "values": {"t": 2}},
              {"deviceId": "{{{a}}}", "timestamp": "{{{at:O}}}", "values": {"t\u0000": 3}},
              {"deviceId": "{{{b}}}", "timestamp": "{{{at:O}}}", "values": {"t": 4}}
            ]
            """;

        var results = await (await PostSignedAsync($"/api/v1/ingest/{instance}/telemetry", body)).ReadResultsAsync();

        Assert.Equal(["stored", "invalid", "invalid", "stored"], results.Select(r => (string)r!["status"]!));
        Assert.Equal([(at, 1.0)], await AllAsync(server, await DeviceRecordAsync(instance, a), "t"));
        Assert.Equal([(at, 4.0)], await AllAsync(server, await DeviceRecordAsync(instance, b), "t"));

        var command = await CommandsTests.SendAsync(_admin, await DeviceRecordAsync(instance, a), "Reset Thermostat");
        var outcome = await (await PostSignedAsync($"/api/v1/ingest/{instance}/state", $$"""[{"commandId": "{{command.Id()}}", "status": "Failed", "error": "door\u0000open"}]""")).ReadResultsAsync();
        Assert.Equal("error", Assert.Single(outcome[0]!["errors"]!.AsObject()).Key);
    }

    private async Task<(Guid Instance, string A, string B)> InstanceAsync()
    {
        var provider = await Registry.ProviderAsync(_admin, "http");
        var instance = await Registry.InstanceAsync(_admin, provider.Id(), new { signingSecret = _secret });
        var a = await Registry.DeviceAsync(_admin, instance.Id());
        var b = await Registry.DeviceAsync(_admin, instance.Id());
        return (instance.Id(), (string)a["deviceId"]!, (string)b["deviceId"]!);
    }

    private async Task<Guid> DeviceRecordAsync(Guid instance, string deviceId)
    {
        var page = await (await _admin.GetAsync($"/api/v1/devices?$filter=providerInstanceId eq {instance} and deviceId eq '{deviceId}'")).ReadObjectAsync(HttpStatusCode.OK);
        return page["value"]![0]!.AsObject().Id();
    }

    private async Task<HttpResponseMessage> PostSignedAsync(string url, string body)
    {
        var id = $"msg_{Guid.NewGuid():N}";
        var at = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(_secret).Sign(id, at, body));
        return await _vendor.SendAsync(request);
    }
}

public sealed class HttpConnectorPoisonOnSqliteTests(WebhookSqliteServer server) : HttpConnectorPoisonTests(server), IClassFixture<WebhookSqliteServer>;

public sealed class HttpConnectorPoisonOnPostgresTests(WebhookPostgresServer server) : HttpConnectorPoisonTests(server), IClassFixture<WebhookPostgresServer>;
