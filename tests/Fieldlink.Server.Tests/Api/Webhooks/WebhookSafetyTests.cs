using System.Net;
using Fieldlink.Core.Outbound;
using Fieldlink.Core.Webhooks;
using Fieldlink.Sdk;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Tests.Api.Webhooks;

/// <summary>
/// Outbound requests do not reach inside the network: internal addresses (and every IPv6 form that embeds an IPv4
/// address, and every way of writing an IPv4 address the URI parser lets through) are refused when a webhook's url, a
/// provider instance's url or an http connector's commandUrl is saved, and again when a connection is made, unless the
/// host is in Outbound:AllowedHosts. Bad subscriptions are refused naming the field. No allow-list here.
/// </summary>
public sealed class WebhookSafetyTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://172.16.5.4/hook")]
    [InlineData("http://192.168.1.10/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[fd12:3456::1]/hook")]
    [InlineData("http://[::ffff:10.0.0.1]/hook")]
    [InlineData("http://[::127.0.0.1]/hook")]
    [InlineData("http://[::8.8.8.8]/hook")]
    [InlineData("http://[::ffff:8.8.8.8]/hook")]
    [InlineData("http://[::ffff:0:127.0.0.1]/hook")]
    [InlineData("http://[64:ff9b::7f00:1]/hook")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/hook")]
    [InlineData("http://[2002:7f00:1::1]/hook")]
    [InlineData("http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook")]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://0x7f000001/hook")]
    [InlineData("http://0177.0.0.1/hook")]
    [InlineData("http://0x7f.0.0.1/hook")]
    [InlineData("http://127.1/hook")]
    [InlineData("http://2852039166/latest/meta-data")]
    public async Task A_url_that_resolves_to_an_internal_address_is_refused(string url)
    {
        var response = await _admin.PostJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { "*" } });

        Assert.Contains("internal", await response.ReadFieldErrorAsync("url"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/commands")]
    [InlineData("http://localhost/commands")]
    [InlineData("http://[::1]/commands")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::127.0.0.1]/commands")]
    [InlineData("http://[::ffff:169.254.169.254]/commands")]
    [InlineData("http://[64:ff9b::7f00:1]/commands")]
    [InlineData("http://[2002:a9fe:a9fe::1]/commands")]
    [InlineData("http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/commands")]
    [InlineData("http://2130706433/commands")]
    [InlineData("http://0x7f.0.0.1/commands")]
    public async Task An_http_connector_command_url_or_instance_url_that_resolves_to_an_internal_address_is_refused(string url)
    {
        var provider = await Registry.ProviderAsync(_admin, "http");
        var settings = new { signingSecret = StandardWebhookSignature.NewSecret(), commandUrl = url };

        var byCommandUrl = await _admin.PostJsonAsync("/api/v1/providerInstances", new { providerId = provider.Id(), name = Registry.Unique("Vendor"), settings });
        var byUrl = await _admin.PostJsonAsync(
            "/api/v1/providerInstances", new { providerId = provider.Id(), name = Registry.Unique("Vendor"), url, settings = new { signingSecret = StandardWebhookSignature.NewSecret() } });

        Assert.Contains("internal", await byCommandUrl.ReadFieldErrorAsync("settings.commandUrl"), StringComparison.Ordinal);
        Assert.Contains("internal", await byUrl.ReadFieldErrorAsync("url"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_connector_command_url_at_a_public_address_is_saved_and_patching_it_inside_is_refused()
    {
        var provider = await Registry.ProviderAsync(_admin, "http");
        var instance = await _admin.CreateAsync("providerInstances", new
        {
            providerId = provider.Id(), name = Registry.Unique("Vendor"), settings = new { signingSecret = StandardWebhookSignature.NewSecret(), commandUrl = "https://93.184.215.14/commands" },
        });

        var patched = await _admin.PatchJsonAsync($"/api/v1/providerInstances/{instance.Id()}", new { settings = new { signingSecret = StandardWebhookSignature.NewSecret(), commandUrl = "http://[::127.0.0.1]/commands" } });

        Assert.Contains("internal", await patched.ReadFieldErrorAsync("settings.commandUrl"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://files.example/hook", "url")]
    [InlineData("not a url", "url")]
    [InlineData("https://user:pw@hooks.example/x", "url")]
    public async Task A_url_that_is_not_a_plain_http_url_is_refused(string url, string field)
    {
        var response = await _admin.PostJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { "*" } });

        Assert.NotEmpty(await response.ReadFieldErrorAsync(field));
    }

    [Fact]
    public async Task An_unknown_event_type_is_refused_naming_the_field()
    {
        var response = await _admin.PostJsonAsync("/api/v1/webhooks", new { url = "https://93.184.215.14/hook", eventTypes = new[] { "alert.exploded" } });

        Assert.Contains("alert.exploded", await response.ReadFieldErrorAsync("eventTypes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subscription_to_a_public_address_is_made_with_a_secret_shown_once()
    {
        var created = await (await _admin.PostJsonAsync("/api/v1/webhooks", new { url = "https://93.184.215.14/hook", eventTypes = new[] { "alert.created" } }))
            .ReadObjectAsync(HttpStatusCode.Created);

        var secret = (string)created["secret"]!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        var body = await (await _admin.GetAsync($"/api/v1/webhooks/{created.Id()}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret["whsec_".Length..], body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"secret\"", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/webhooks/{created.Id()}")).StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("[::127.0.0.1]")]
    [InlineData("[::ffff:0:127.0.0.1]")]
    [InlineData("[64:ff9b::7f00:1]")]
    [InlineData("[2002:7f00:1::1]")]
    [InlineData("[2001:0:4136:e378:8000:63bf:80ff:fffe]")]
    [InlineData("2130706433")]
    [InlineData("0x7f000001")]
    public async Task A_connection_to_an_internal_address_is_refused_even_when_the_url_got_past_the_check(string host)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = Http();
        var url = receiver.Url().Replace("127.0.0.1", host, StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.Client.PostAsync(url, new StringContent("{}")));

        Assert.Contains("internal address", refused.Message, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task A_connection_to_an_allowed_host_is_made_and_only_to_that_host()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = Http("127.0.0.1");
        using var handler = http.CreateHandler();
        using var connectorClient = new HttpClient(handler);

        using var response = await http.Client.PostAsync(receiver.Url(), new StringContent("{}"));
        using var connectorResponse = await connectorClient.PostAsync(receiver.Url(), new StringContent("{}"));
        var byName = await Assert.ThrowsAsync<HttpRequestException>(() => connectorClient.PostAsync(receiver.Url().Replace("127.0.0.1", "localhost", StringComparison.Ordinal), new StringContent("{}")));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, connectorResponse.StatusCode);
        Assert.Contains("Outbound:AllowedHosts", byName.Message, StringComparison.Ordinal);
        Assert.Equal(2, receiver.Requests.Count);
    }

    private static OutboundHttp Http(params string[] allowed)
    {
        var options = new OutboundOptions();
        foreach (var host in allowed)
        {
            options.AllowedHosts.Add(host);
        }

        return new OutboundHttp(new OutboundGuard(Options.Create(options)));
    }
}
