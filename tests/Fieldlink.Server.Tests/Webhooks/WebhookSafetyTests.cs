using System.Net;
using Fieldlink.Core.Webhooks;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Tests.Webhooks;

/// <summary>
/// Webhooks do not reach inside the network: internal addresses are refused when a URL is saved and again when a
/// connection is made, unless the host is in Webhooks:AllowedHosts. Bad subscriptions are refused naming the field.
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
    public async Task A_url_that_resolves_to_an_internal_address_is_refused(string url)
    {
        var response = await _admin.PostJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { "*" } });

        Assert.Contains("internal", await response.ReadFieldErrorAsync("url"), StringComparison.Ordinal);
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

    [Fact]
    public async Task A_connection_to_an_internal_address_is_refused_even_when_the_url_got_past_the_check()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = new WebhookHttp(new WebhookAddressGuard(Options.Create(new WebhookOptions())));

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.Client.PostAsync(receiver.Url(), new StringContent("{}")));

        Assert.Contains("internal address", refused.Message, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task A_connection_to_an_allowed_host_is_made()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var options = new WebhookOptions();
        options.AllowedHosts.Add("127.0.0.1");
        using var http = new WebhookHttp(new WebhookAddressGuard(Options.Create(options)));

        using var response = await http.Client.PostAsync(receiver.Url(), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Single(receiver.Requests);
    }
}
