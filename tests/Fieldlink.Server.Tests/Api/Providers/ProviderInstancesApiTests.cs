using System.Net;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Infrastructure.TestVendor;

namespace Fieldlink.Server.Tests.Api.Providers;

/// <summary>Provider instances: their provider, URL and connector settings, whose secrets are write-only.</summary>
public sealed class ProviderInstancesApiTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Secret_settings_are_stored_but_never_returned()
    {
        var provider = await Registry.ProviderAsync(_admin, TestVendorConnector.ConnectorKey);
        var created = await Registry.InstanceAsync(_admin, provider.Id(), new { host = "broker.acme.example", port = 8883, password = "hunter2" });

        Assert.Equal("broker.acme.example", (string)created["settings"]!["host"]!);
        Assert.False(created["settings"]!.AsObject().ContainsKey("password"));
        var read = await (await _admin.GetAsync($"/api/v1/providerInstances/{created.Id()}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("hunter2", read, StringComparison.Ordinal);
        var list = await (await _admin.GetAsync("/api/v1/providerInstances")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("hunter2", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patching_other_settings_keeps_the_secret()
    {
        var provider = await Registry.ProviderAsync(_admin, TestVendorConnector.ConnectorKey);
        var created = await Registry.InstanceAsync(_admin, provider.Id(), new { host = "a.example", password = "kept-secret" });

        await (await _admin.PatchJsonAsync($"/api/v1/providerInstances/{created.Id()}", new { settings = new { host = "b.example" } })).ReadObjectAsync(HttpStatusCode.OK);

        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Fieldlink.Core.Data.FieldlinkDbContext>();
        var stored = await db.ProviderInstances.FindAsync(created.Id());
        Assert.Contains("kept-secret", stored!.Settings, StringComparison.Ordinal);
        Assert.Contains("b.example", stored.Settings, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"port\": 8883}", "settings.host")]
    [InlineData("{\"host\": \"h\", \"port\": \"eighty\"}", "settings.port")]
    [InlineData("{\"host\": \"h\", \"port\": 70000}", "settings.port")]
    [InlineData("{\"host\": \"h\", \"colour\": \"red\"}", "settings.colour")]
    public async Task Settings_are_checked_against_the_connector_settings_class(string settings, string field)
    {
        var provider = await Registry.ProviderAsync(_admin, TestVendorConnector.ConnectorKey);
        var response = await _admin.PostRawAsync("/api/v1/providerInstances", $"{{\"providerId\": \"{provider.Id()}\", \"name\": \"Bad\", \"settings\": {settings}}}");

        await response.ReadFieldErrorAsync(field);
    }

    [Fact]
    public async Task An_instance_needs_an_existing_provider()
    {
        await (await _admin.PostJsonAsync("/api/v1/providerInstances", new { name = "No provider" })).ReadFieldErrorAsync("providerId");
        await (await _admin.PostJsonAsync("/api/v1/providerInstances", new { providerId = Guid.NewGuid(), name = "Ghost" })).ReadFieldErrorAsync("providerId");
    }

    [Fact]
    public async Task A_relative_url_is_400_naming_url()
    {
        var provider = await Registry.ProviderAsync(_admin);
        await (await _admin.PostJsonAsync("/api/v1/providerInstances", new { providerId = provider.Id(), name = "Rel", url = "not/absolute" })).ReadFieldErrorAsync("url");
    }

    [Fact]
    public async Task Settings_must_be_a_json_object()
    {
        var provider = await Registry.ProviderAsync(_admin);
        await (await _admin.PostRawAsync("/api/v1/providerInstances", $"{{\"providerId\": \"{provider.Id()}\", \"name\": \"S\", \"settings\": [1, 2]}}")).ReadFieldErrorAsync("settings");
    }

    [Fact]
    public async Task Connectors_lists_the_known_connectors_with_their_settings()
    {
        var connectors = await (await _admin.GetAsync("/api/v1/connectors")).Content.ReadAsStringAsync();
        var list = System.Text.Json.Nodes.JsonNode.Parse(connectors)!["value"]!.AsArray();
        var vendor = list.Single(c => (string)c!["key"]! == TestVendorConnector.ConnectorKey)!;
        Assert.Equal(["RegisterDevices", "PullDeviceData", "SendCommand"], vendor["actions"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(["echo", "raise-alert"], vendor["customActions"]!.AsArray().Select(a => (string)a!));
        var password = vendor["settings"]!.AsArray().Single(s => (string)s!["name"]! == "password")!;
        Assert.True((bool)password["secret"]!);
        var host = vendor["settings"]!.AsArray().Single(s => (string)s!["name"]! == "host")!;
        Assert.True((bool)host["required"]!);
        Assert.Equal("ok", (string)vendor["settings"]!.AsArray().Single(s => (string)s!["name"]! == "behaviour")!["default"]!);
    }
}
