using System.Net;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Settings;

/// <summary>The default provider instance of IoT settings; a server of its own, since it changes the settings.</summary>
public sealed class DefaultInstanceTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_device_without_instance_goes_to_the_default_or_is_400_without_one()
    {
        await (await _admin.PostJsonAsync("/api/v1/devices", new { name = "Homeless", deviceId = "h-1" })).ReadFieldErrorAsync("providerInstanceId");

        var instance = await Registry.InstanceAsync(_admin);
        await (await _admin.PatchJsonAsync("/api/v1/settings", new { defaultProviderInstanceId = instance.Id() })).ReadObjectAsync(HttpStatusCode.OK);
        var device = await _admin.CreateAsync("devices", new { name = "Housed", deviceId = "h-1" });

        Assert.Equal(instance.Id(), Guid.Parse((string)device["providerInstanceId"]!));
        var problem = await (await _admin.DeleteAsync($"/api/v1/providerInstances/{instance.Id()}")).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("device", (string)problem["detail"]!, StringComparison.Ordinal);
    }
}
