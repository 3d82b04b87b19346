using System.Net;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Keys;

public sealed class ApiKeysApiTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_created_key_is_shown_once_and_works()
    {
        var created = await _admin.CreateAsync("apiKeys", new { name = "dispatch console", role = "Dispatcher" });
        var secret = (string)created["key"]!;
        Assert.StartsWith("flk_", secret, StringComparison.Ordinal);

        var read = await (await _admin.GetAsync($"/api/v1/apiKeys/{created.Id()}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, read, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[4..], await (await _admin.GetAsync("/api/v1/apiKeys")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await server.Client(secret).GetAsync("/api/v1/devices")).StatusCode);
    }

    [Fact]
    public async Task A_key_s_last_use_is_shown_once_it_is_used()
    {
        var created = await _admin.CreateAsync("apiKeys", new { name = "nightly export", role = "Technician" });
        var unused = await (await _admin.GetAsync($"/api/v1/apiKeys/{created.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Null(unused["lastUsedAt"]);

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        Assert.Equal(HttpStatusCode.OK, (await server.Client((string)created["key"]!).GetAsync("/api/v1/devices")).StatusCode);

        var used = await (await _admin.GetAsync($"/api/v1/apiKeys/{created.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.InRange((DateTimeOffset)used["lastUsedAt"]!, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_with_401()
    {
        var created = await _admin.CreateAsync("apiKeys", new { name = "leaked", role = "Technician" });
        var client = server.Client((string)created["key"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/devices")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/apiKeys/{created.Id()}")).StatusCode);

        await (await client.GetAsync("/api/v1/devices")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        var read = await (await _admin.GetAsync($"/api/v1/apiKeys/{created.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.NotNull(read["revokedAt"]);
    }

    [Fact]
    public async Task An_endpoint_key_must_name_an_existing_instance()
    {
        await (await _admin.PostJsonAsync("/api/v1/apiKeys", new { name = "vendor", role = "Endpoint" })).ReadFieldErrorAsync("providerInstanceId");
        await (await _admin.PostJsonAsync("/api/v1/apiKeys", new { name = "vendor", role = "Endpoint", providerInstanceId = Guid.NewGuid() })).ReadFieldErrorAsync("providerInstanceId");
        var instance = await Registry.InstanceAsync(_admin);
        await (await _admin.PostJsonAsync("/api/v1/apiKeys", new { name = "admin", role = "Administrator", providerInstanceId = instance.Id() })).ReadFieldErrorAsync("providerInstanceId");

        var key = await _admin.CreateAsync("apiKeys", new { name = "vendor", role = "Endpoint", providerInstanceId = instance.Id() });
        Assert.Equal(instance.Id(), Guid.Parse((string)key["providerInstanceId"]!));
    }

    [Fact]
    public async Task A_key_without_role_is_400_naming_role()
    {
        await (await _admin.PostJsonAsync("/api/v1/apiKeys", new { name = "no role" })).ReadFieldErrorAsync("role");
        await (await _admin.PostJsonAsync("/api/v1/apiKeys", new { name = "bad role", role = "Overlord" })).ReadFieldErrorAsync("role");
    }

    [Fact]
    public async Task Only_administrators_see_keys()
    {
        var dispatcher = server.Client(await Registry.KeyAsync(_admin, "Dispatcher"));
        await (await dispatcher.GetAsync("/api/v1/apiKeys")).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await dispatcher.PostJsonAsync("/api/v1/apiKeys", new { name = "escalate", role = "Administrator" })).ReadProblemAsync(HttpStatusCode.Forbidden);
    }
}
