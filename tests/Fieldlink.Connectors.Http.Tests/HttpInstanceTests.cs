using System.Text.Json.Nodes;
using Fieldlink.Sdk;
using Fieldlink.Testing;
using Microsoft.Extensions.Time.Testing;
using StandardWebhooks;

namespace Fieldlink.Connectors.Http.Tests;

/// <summary>
/// A command POSTed to the vendor's receiver (Kestrel on loopback): its body and signature as the vendor verifies
/// them, with the Standard Webhooks reference library too, and how each answer is taken.
/// </summary>
public sealed class HttpInstanceTests : IAsyncLifetime
{
    private readonly string _secret = StandardWebhookSignature.NewSecret();
    private readonly RecordingSink _sink = new();
    private VendorEndpoint _vendor = null!;

    // Now, because the reference library checks the timestamp against the wall clock.
    private FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync() => _vendor = await VendorEndpoint.StartAsync();

    public async Task DisposeAsync() => await _vendor.DisposeAsync();

    [Fact]
    public async Task A_command_is_posted_with_its_fields_and_Standard_Webhooks_signature_and_the_command_id_as_idempotency_key()
    {
        await using var instance = Open(new HttpSettings { SigningSecret = _secret, CommandUrl = _vendor.Url().ToString() });
        var command = Command();

        var acceptance = await instance.SendCommandAsync(command, CancellationToken.None);

        Assert.Equal(CommandAcceptance.Taken, acceptance);
        var request = Assert.Single(_vendor.Requests);
        Assert.Equal(("POST", "/commands"), (request.Method, request.Path));
        Assert.Equal($"cmd_{command.CommandId:N}", request.Headers[StandardWebhookSignature.IdHeader].ToString());
        Assert.Equal(Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers[StandardWebhookSignature.TimestampHeader].ToString());
        Assert.Equal(command.CommandId.ToString(), request.Headers[HttpInstance.IdempotencyKeyHeader].ToString());
        new StandardWebhook(_secret).Verify(request.Body, request.Headers);
        Assert.True(StandardWebhookSignature.Verify(_secret, request.Headers["webhook-id"]!, request.Headers["webhook-timestamp"]!, request.Body, request.Headers["webhook-signature"]!, Time.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(StandardWebhookSignature.Verify(StandardWebhookSignature.NewSecret(), request.Headers["webhook-id"]!, request.Headers["webhook-timestamp"]!, request.Body, request.Headers["webhook-signature"]!, Time.GetUtcNow(), TimeSpan.FromMinutes(5)));
        var json = request.Json;
        Assert.Equal(command.CommandId, Guid.Parse((string)json["commandId"]!));
        Assert.Equal("pump-7", (string)json["deviceId"]!);
        Assert.Equal("Set Values", (string)json["name"]!);
        Assert.Equal(19, (int)json["parameters"]!["setpoint"]!);
        Assert.Equal("night", (string)json["message"]!["mode"]!);
        Assert.Equal(command.ExpiresAt, (DateTimeOffset)json["expiresAt"]!);
        Assert.Empty(_sink.Statuses);
    }

    [Fact]
    public async Task With_the_HMAC_scheme_the_body_is_signed_in_the_configured_header_and_nothing_else()
    {
        const string secret = "a plain shared secret";
        await using var instance = Open(new HttpSettings { SigningSecret = secret, SignatureScheme = HttpSignatureScheme.HmacSha256, SignatureHeader = "X-Vendor-Signature", CommandUrl = _vendor.Url().ToString() });

        await instance.SendCommandAsync(Command(), CancellationToken.None);

        var request = Assert.Single(_vendor.Requests);
        var header = request.Headers["X-Vendor-Signature"].ToString();
        Assert.StartsWith("sha256=", header, StringComparison.Ordinal);
        Assert.Equal(BodyHmacSignature.Sign(secret, request.Body), header);
        Assert.True(BodyHmacSignature.Verify(secret, System.Text.Encoding.UTF8.GetBytes(request.Body), header));
        Assert.False(request.Headers.ContainsKey(StandardWebhookSignature.SignatureHeader));
    }

    [Fact]
    public async Task Without_a_command_url_the_command_goes_to_the_instance_url()
    {
        await using var instance = Open(new HttpSettings { SigningSecret = _secret }, url: _vendor.Url("/from-instance-url"));

        await instance.SendCommandAsync(Command(), CancellationToken.None);

        Assert.Equal("/from-instance-url", Assert.Single(_vendor.Requests).Path);
    }

    [Fact]
    public async Task Without_any_url_the_command_fails_for_good()
    {
        await using var instance = Open(new HttpSettings { SigningSecret = _secret });

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => instance.SendCommandAsync(Command(), CancellationToken.None));

        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task An_answer_with_a_status_is_the_command_outcome_at_once()
    {
        _vendor.Reply = _ => (200, """{"status": "succeeded", "response": {"setpoint": 19}}""");
        await using var instance = Open(new HttpSettings { SigningSecret = _secret, CommandUrl = _vendor.Url().ToString() });
        var command = Command();

        var acceptance = await instance.SendCommandAsync(command, CancellationToken.None);

        Assert.Equal(CommandAcceptance.Taken, acceptance);
        var outcome = Assert.Single(_sink.Statuses);
        Assert.Equal((command.CommandId, CommandStatus.Succeeded, 19), (outcome.CommandId, outcome.Status, (int)outcome.Response!["setpoint"]!));
    }

    [Theory]
    [InlineData(200, "not json")]
    [InlineData(202, """{"status": "Queued"}""")]
    [InlineData(200, """{"status": "whatever"}""")]
    public async Task An_answer_without_a_final_status_takes_the_command_and_reports_nothing(int status, string body)
    {
        _vendor.Reply = _ => (status, body);
        await using var instance = Open(new HttpSettings { SigningSecret = _secret, CommandUrl = _vendor.Url().ToString() });

        Assert.Equal(CommandAcceptance.Taken, await instance.SendCommandAsync(Command(), CancellationToken.None));
        Assert.Empty(_sink.Statuses);
    }

    [Fact]
    public async Task A_4xx_refuses_the_command_with_the_vendor_body_apart()
    {
        _vendor.Reply = _ => (422, """{"error": "unknown device"}""");
        await using var instance = Open(new HttpSettings { SigningSecret = _secret, CommandUrl = _vendor.Url().ToString() });

        var acceptance = await instance.SendCommandAsync(Command(), CancellationToken.None);

        Assert.False(acceptance.Accepted);
        Assert.Equal("The vendor refused the command: it answered 422.", acceptance.Reason);
        Assert.Equal("""{"error": "unknown device"}""", acceptance.Detail);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task A_5xx_408_or_429_is_a_transient_failure(int status)
    {
        _vendor.Reply = _ => (status, null);
        await using var instance = Open(new HttpSettings { SigningSecret = _secret, CommandUrl = _vendor.Url().ToString() });

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => instance.SendCommandAsync(Command(), CancellationToken.None));

        Assert.True(failure.IsTransient);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_vendor_is_a_transient_failure()
    {
        var url = _vendor.Url();
        await _vendor.DisposeAsync();
        _vendor = await VendorEndpoint.StartAsync();
        await using var instance = Open(new HttpSettings { SigningSecret = _secret, CommandUrl = url.ToString() });

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => instance.SendCommandAsync(Command(), CancellationToken.None));

        Assert.True(failure.IsTransient);
    }

    private HttpInstance Open(HttpSettings settings, Uri? url = null) =>
        (HttpInstance)new HttpConnector().Open(new ConnectorContext(Guid.NewGuid(), "Vendor under test", url, settings, _sink, new TestLog(), Time));

    private DeviceCommand Command() =>
        new(Guid.NewGuid(), new DeviceRef(Guid.NewGuid(), "pump-7", "Pump 7", null, Simulated: false), "Set Values", new JsonObject { ["setpoint"] = 19 }, Time.GetUtcNow().AddHours(1))
        {
            Message = new JsonObject { ["mode"] = "night" },
        };
}
