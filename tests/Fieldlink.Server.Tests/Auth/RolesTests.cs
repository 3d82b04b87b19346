using System.Net;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Auth;

/// <summary>401 without a valid key; each role where it may and may not (API.md, "Conventions").</summary>
public sealed class RolesTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    public static TheoryData<string> Collections =>
        ["providers", "providerInstances", "devices", "accounts", "customerAssets", "deviceCategories", "settings", "connectors"];

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Without_a_key_every_api_route_is_401_with_a_bearer_challenge(string collection)
    {
        var response = await server.Client(key: null).GetAsync($"/api/v1/{collection}");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("Authorization", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flk_not-a-key")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task A_bad_key_is_401(string key)
    {
        var client = server.Client(key: null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", key.StartsWith("Basic", StringComparison.Ordinal) ? key : $"Bearer {key}");
        await (await client.GetAsync("/api/v1/devices")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Technicians_and_dispatchers_read_everything(string collection)
    {
        foreach (var role in new[] { "Technician", "Dispatcher" })
        {
            var client = server.Client(await Registry.KeyAsync(_admin, role));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/{collection}")).StatusCode);
        }
    }

    [Theory]
    [InlineData("Technician")]
    [InlineData("Dispatcher")]
    public async Task Only_administrators_change_the_registry(string role)
    {
        var provider = await Registry.ProviderAsync(_admin);
        var client = server.Client(await Registry.KeyAsync(_admin, role));

        var problem = await (await client.PostJsonAsync("/api/v1/providers", new { name = Registry.Unique("P"), connector = "simulator" })).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains(role, (string)problem["detail"]!, StringComparison.Ordinal);
        await (await client.PatchJsonAsync($"/api/v1/providers/{provider.Id()}", new { description = "x" })).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync($"/api/v1/providers/{provider.Id()}")).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PatchJsonAsync("/api/v1/settings", new { autoPullOnAlert = false })).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await _admin.GetAsync($"/api/v1/providers/{provider.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_endpoint_key_reads_nothing_of_the_registry()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var client = server.Client(await Registry.KeyAsync(_admin, "Endpoint", instance.Id()));

        await (await client.GetAsync("/api/v1/devices")).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync($"/api/v1/providerInstances/{instance.Id()}")).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_open_endpoints_need_no_key()
    {
        var anonymous = server.Client(key: null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/metrics")).StatusCode);
    }
}
