using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Fieldlink.Core.Ingestion;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Fieldlink.Server.Tests.Api.Commands;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Api.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace Fieldlink.Server.Tests.Api.Connectors;

/// <summary>
/// The http connector end to end, as a vendor cloud would use it: signed pushes of alerts, telemetry, state and
/// commands' outcomes without an API key (refused when unsigned, badly signed or stale), and commands POSTed,
/// signed, to the vendor's receiver, answered at once or later; a signed message sent again is taken once; commands go
/// through the outbound guard. Both databases.
/// </summary>
public abstract partial class HttpConnectorTests(FieldlinkServer server) : IAsyncLifetime
{
    private readonly HttpClient _admin = server.Client();
    private readonly HttpClient _vendor = server.Client(key: null);
    private readonly string _secret = StandardWebhookSignature.NewSecret();
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_signed_alert_is_stored_without_an_API_key_and_an_unsigned_or_forged_one_is_refused()
    {
        var (instance, deviceId) = await InstanceAsync(new { signingSecret = _secret });
        var body = Json(new[] { new { deviceId, description = "Refrigerant low", token = "vendor-evt-1" } });

        var unsigned = await _vendor.PostRawAsync($"/api/v1/ingest/{instance}/alerts", body);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        var forged = await PostSignedAsync($"/api/v1/ingest/{instance}/alerts", body, StandardWebhookSignature.NewSecret(), DateTimeOffset.UtcNow);
        Assert.Contains("does not verify", await UnauthorizedAsync(forged, "webhook-signature"), StringComparison.Ordinal);
        var stale = await PostSignedAsync($"/api/v1/ingest/{instance}/alerts", body, _secret, DateTimeOffset.UtcNow.AddMinutes(-10));
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);

        var accepted = await PostSignedAsync($"/api/v1/ingest/{instance}/alerts", body, _secret, DateTimeOffset.UtcNow);

        var result = (await accepted.ReadObjectAsArrayAsync())[0]!;
        Assert.Equal("created", (string)result["status"]!);
        var alert = await AlertPosts.ReadAsync(_admin, Guid.Parse((string)result["alertId"]!));
        Assert.Equal(instance, Guid.Parse((string)alert["providerInstanceId"]!));
        Assert.Equal("Refrigerant low", (string)alert["description"]!);
        Assert.Single((await (await _admin.GetAsync($"/api/v1/alerts?$filter=providerInstanceId eq {instance}")).ReadObjectAsync(HttpStatusCode.OK))["value"]!.AsArray());
    }

    [Fact]
    public async Task Telemetry_signed_with_an_HMAC_header_is_stored()
    {
        var (instance, deviceId) = await InstanceAsync(new { signingSecret = "a-shared-secret-of-the-vendor", signatureScheme = "HmacSha256", signatureHeader = "X-Acme-Signature" });
        var body = Json(new[] { new { deviceId, timestamp = DateTimeOffset.UtcNow.AddMinutes(-1), values = new { temperature = 21.5 } } });
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("a-shared-secret-of-the-vendor"), Encoding.UTF8.GetBytes(body)));

        var wrong = await PostWithHeaderAsync($"/api/v1/ingest/{instance}/telemetry", body, "X-Acme-Signature", new string('0', 64));
        Assert.Contains("HMAC-SHA256", await UnauthorizedAsync(wrong, "X-Acme-Signature"), StringComparison.Ordinal);
        var right = await PostWithHeaderAsync($"/api/v1/ingest/{instance}/telemetry", body, "X-Acme-Signature", mac);

        Assert.Equal("stored", (string)(await right.ReadObjectAsArrayAsync())[0]!["status"]!);
    }

    [Fact]
    public async Task A_push_to_an_instance_of_another_connector_is_not_found()
    {
        var instance = await Registry.InstanceAsync(_admin);

        var response = await PostSignedAsync($"/api/v1/ingest/{instance.Id()}/alerts", "[]", _secret, DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_command_answered_at_once_is_signed_to_the_vendor_and_succeeds_with_its_response()
    {
        _receiver.Reply = _ => new WebhookReceiver.Answer(200, Body: """{"status": "Succeeded", "response": {"setpoint": 19}}""");
        var (instance, deviceId) = await InstanceAsync(new { signingSecret = _secret, commandUrl = _receiver.Url("/commands") });
        var device = await DeviceRecordAsync(instance, deviceId);

        var command = await CommandsTests.SendAsync(_admin, device, "Set Values");
        var done = await CommandsTests.WaitForAsync(_admin, command.Id(), "Succeeded");

        Assert.Equal(19, (int)done["response"]!["setpoint"]!);
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal($"cmd_{command.Id():N}", request.Id);
        new StandardWebhook(_secret).Verify(request.Body, request.Headers);
        Assert.Equal(deviceId, (string)request.Json["deviceId"]!);
        Assert.Equal("Set Values", (string)request.Json["name"]!);
        Assert.Equal(command.Id(), Guid.Parse((string)request.Json["commandId"]!));
        Assert.Equal(command.Id(), Guid.Parse(request.Headers["Idempotency-Key"].ToString()));
    }

    [Fact]
    public async Task A_command_retried_after_a_failure_carries_the_same_idempotency_key()
    {
        var calls = 0;
        _receiver.Reply = _ => Interlocked.Increment(ref calls) == 1 ? new WebhookReceiver.Answer(503) : new WebhookReceiver.Answer(200, Body: """{"status": "Succeeded"}""");
        var (instance, deviceId) = await InstanceAsync(new { signingSecret = _secret, commandUrl = _receiver.Url("/commands") });

        var command = await CommandsTests.SendAsync(_admin, await DeviceRecordAsync(instance, deviceId), "Set Values");
        await CommandsTests.WaitForAsync(_admin, command.Id(), "Succeeded");

        Assert.Equal(2, _receiver.Requests.Count);
        Assert.All(_receiver.Requests, r => Assert.Equal(command.Id().ToString(), r.Headers["Idempotency-Key"].ToString()));
    }

    [Fact]
    public async Task A_command_taken_for_later_gets_its_outcome_through_the_state_endpoint()
    {
        _receiver.Reply = _ => new WebhookReceiver.Answer(202);
        var (instance, deviceId) = await InstanceAsync(new { signingSecret = _secret, commandUrl = _receiver.Url("/commands") });
        var device = await DeviceRecordAsync(instance, deviceId);
        var command = await CommandsTests.SendAsync(_admin, device, "Reset Thermostat");
        await CommandsTests.WaitForAsync(_admin, command.Id(), "Sent");

        var body = Json(new object[]
        {
            new { commandId = command.Id(), status = "Succeeded", response = new { reset = true } },
            new { deviceId, connectionState = "Connected" },
            new { commandId = Guid.NewGuid(), status = "Succeeded" },
        });
        var results = await (await PostSignedAsync($"/api/v1/ingest/{instance}/state", body, _secret, DateTimeOffset.UtcNow)).ReadObjectAsArrayAsync();

        Assert.Equal(["stored", "stored", "invalid"], results.Select(r => (string)r!["status"]!));
        Assert.Equal(command.Id(), Guid.Parse((string)results[0]!["commandId"]!));
        Assert.Null(results[0]!["alertId"]);
        var done = await (await _admin.GetAsync($"/api/v1/commands/{command.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Succeeded", (string)done["status"]!);
        Assert.True((bool)done["response"]!["reset"]!);
        var again = await (await PostSignedAsync($"/api/v1/ingest/{instance}/state", Json(new[] { new { commandId = command.Id(), status = "Failed" } }), _secret, DateTimeOffset.UtcNow)).ReadObjectAsArrayAsync();
        Assert.Equal("duplicate", (string)again[0]!["status"]!);
    }

    [Fact]
    public async Task A_command_the_vendor_refuses_fails_with_its_reason()
    {
        _receiver.Reply = _ => new WebhookReceiver.Answer(422, Body: "unknown command for this model");
        var (instance, deviceId) = await InstanceAsync(new { signingSecret = _secret, commandUrl = _receiver.Url("/commands") });
        var device = await DeviceRecordAsync(instance, deviceId);

        var command = await CommandsTests.SendAsync(_admin, device, "Notification");
        var failed = await CommandsTests.WaitForAsync(_admin, command.Id(), "Failed");

        Assert.Contains("unknown command for this model", (string)failed["errorDetail"]!, StringComparison.Ordinal);
        Assert.Contains("422", (string)failed["error"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_body_the_store_cannot_keep_as_it_is_is_kept_escaped_and_later_commands_are_sent()
    {
        // A NUL (PostgreSQL refuses it in text) and a surrogate pair cut by the 500-character bound.
        var body = "bad\0byte " + new string('x', 485) + "\ud83d\ude00 tail";
        _receiver.Reply = _ => new WebhookReceiver.Answer(422, Body: body);
        var (instance, deviceId) = await InstanceAsync(new { signingSecret = _secret, commandUrl = _receiver.Url("/commands") });
        var device = await DeviceRecordAsync(instance, deviceId);

        var first = await CommandsTests.SendAsync(_admin, device, "Notification");
        var failed = await CommandsTests.WaitForAsync(_admin, first.Id(), "Failed");
        _receiver.Reply = _ => new WebhookReceiver.Answer(200, Body: """{"status": "Succeeded"}""");
        var second = await CommandsTests.SendAsync(_admin, device, "Notification");

        var detail = (string)failed["errorDetail"]!;
        Assert.StartsWith("bad\\u0000byte ", detail, StringComparison.Ordinal);
        Assert.True(detail.Length <= 500);
        Assert.Null(Core.Validation.StorableValues.TextProblem(detail));
        Assert.Equal("Succeeded", (string)(await CommandsTests.WaitForAsync(_admin, second.Id(), "Succeeded"))["status"]!);
    }

    [Fact]
    public async Task A_vendor_refusal_body_is_kept_bounded_and_shown_to_Administrators_only()
    {
        _receiver.Reply = _ => new WebhookReceiver.Answer(403, Body: "internal-only answer: token=s3cr3t " + new string('x', 5000));
        var (instance, deviceId) = await InstanceAsync(new { signingSecret = _secret, commandUrl = _receiver.Url("/commands") });
        var command = await CommandsTests.SendAsync(_admin, await DeviceRecordAsync(instance, deviceId), "Notification");
        var failed = await CommandsTests.WaitForAsync(_admin, command.Id(), "Failed");
        using var technician = server.Client(await Registry.KeyAsync(_admin, "Technician"));
        using var dispatcher = server.Client(await Registry.KeyAsync(_admin, "Dispatcher"));

        var detail = (string)failed["errorDetail"]!;
        Assert.StartsWith("internal-only answer: token=s3cr3t", detail, StringComparison.Ordinal);
        Assert.Equal(500, detail.Length);
        Assert.DoesNotContain("s3cr3t", (string)failed["error"]!, StringComparison.Ordinal);
        foreach (var reader in new[] { technician, dispatcher })
        {
            var one = await (await reader.GetAsync($"/api/v1/commands/{command.Id()}")).Content.ReadAsStringAsync();
            var list = await (await reader.GetAsync($"/api/v1/devices/{failed["deviceRecordId"]}/commands")).Content.ReadAsStringAsync();
            var all = await (await reader.GetAsync($"/api/v1/commands?$filter=id eq {command.Id()}")).Content.ReadAsStringAsync();
            Assert.Contains("403", one, StringComparison.Ordinal);
            Assert.All(new[] { one, list, all }, body => Assert.DoesNotContain("s3cr3t", body, StringComparison.Ordinal));
        }

        var probe = await technician.GetAsync($"/api/v1/commands?$filter=startswith(errorDetail, 'internal')");
        Assert.Equal(HttpStatusCode.BadRequest, probe.StatusCode);
    }

    private async Task<JsonObject> WaitForErrorAsync(Guid commandId, string error)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var command = await (await _admin.GetAsync($"/api/v1/commands/{commandId}")).ReadObjectAsync(HttpStatusCode.OK);
            if (((string?)command["error"])?.Contains(error, StringComparison.Ordinal) == true)
            {
                return command;
            }

            Assert.True(DateTime.UtcNow < until, $"The command's error never said '{error}': {command.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    /// <summary>The 401's message about <paramref name="header"/>.</summary>
    private static async Task<string> UnauthorizedAsync(HttpResponseMessage response, string header)
    {
        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        return (string)problem["errors"]![header]![0]!;
    }

    private async Task<(Guid Instance, string DeviceId)> InstanceAsync(object settings)
    {
        var provider = await Registry.ProviderAsync(_admin, "http");
        var instance = await Registry.InstanceAsync(_admin, provider.Id(), settings);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        return (instance.Id(), (string)device["deviceId"]!);
    }

    private async Task<Guid> DeviceRecordAsync(Guid instance, string deviceId)
    {
        var page = await (await _admin.GetAsync($"/api/v1/devices?$filter=providerInstanceId eq {instance} and deviceId eq '{deviceId}'")).ReadObjectAsync(HttpStatusCode.OK);
        return page["value"]![0]!.AsObject().Id();
    }

    private async Task<HttpResponseMessage> PostSignedAsync(string url, string body, string secret, DateTimeOffset at, string? id = null)
    {
        id ??= $"msg_{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(secret).Sign(id, at, body));
        return await _vendor.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostWithHeaderAsync(string url, string body, string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(header, value);
        return await _vendor.SendAsync(request);
    }

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private static string Json(object value) => JsonSerializer.Serialize(value, WebJson);
}

public sealed class HttpConnectorOnSqliteTests(WebhookSqliteServer server) : HttpConnectorTests(server), IClassFixture<WebhookSqliteServer>;

public sealed class HttpConnectorOnPostgresTests(WebhookPostgresServer server) : HttpConnectorTests(server), IClassFixture<WebhookPostgresServer>;
