using System.Net;
using System.Security.Claims;
using Fieldlink.Core.Auth;
using Fieldlink.Server.Model;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Web.Tests.Model;

/// <summary>Register and pull as the pages call them, for a person: a Technician is refused before anything is written.</summary>
public sealed class DeviceActionsTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    private DeviceActions Actions => server.Services.GetRequiredService<DeviceActions>();

    private static ClaimsPrincipal Person(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{role}@example.com"), new Claim(ClaimTypes.Role, role)], "Identity.Application"));

    [Fact]
    public async Task A_Technician_may_neither_register_nor_pull_and_nothing_is_written()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());

        var register = await Actions.RegisterAsync(Person(nameof(ApiKeyRole.Technician)), [device.Id()], CancellationToken.None);
        var pull = await Actions.PullAsync(Person(nameof(ApiKeyRole.Technician)), [device.Id()], CancellationToken.None);

        Assert.NotNull(register.Refusal);
        Assert.Contains("Dispatcher", register.Refusal, StringComparison.Ordinal);
        Assert.Empty(register.Lines);
        Assert.NotNull(pull.Refusal);
        Assert.Empty(await ListAsync($"/api/v1/devices/{device.Id()}/registrations"));
        Assert.Empty(await ListAsync($"/api/v1/devices/{device.Id()}/dataHistory"));
        Assert.Equal("Unknown", (string)(await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}")).ReadObjectAsync(HttpStatusCode.OK))["registrationStatus"]!);
    }

    [Fact]
    public async Task A_Dispatcher_registers_and_pulls_a_selection_with_a_result_per_device()
    {
        var instance = await Registry.InstanceAsync(_admin);
        var first = await Registry.DeviceAsync(_admin, instance.Id(), name: "First pump");
        var second = await Registry.DeviceAsync(_admin, instance.Id());
        var unknown = Guid.NewGuid();

        var register = await Actions.RegisterAsync(Person(nameof(ApiKeyRole.Dispatcher)), [first.Id(), second.Id(), unknown], CancellationToken.None);

        Assert.Null(register.Refusal);
        Assert.Equal([first.Id(), second.Id(), unknown], register.Lines.Select(l => l.DeviceId));
        Assert.Equal([true, true, false], register.Lines.Select(l => l.Succeeded));
        Assert.Equal("First pump", register.Lines[0].Device);
        Assert.Equal("Registration status: Registered", register.Lines[0].Detail);
        Assert.Equal("Registered 2 of 3 devices; 1 failed.", register.Summary);
        Assert.Single(await ListAsync($"/api/v1/devices/{first.Id()}/registrations"));

        var pull = await Actions.PullAsync(Person(nameof(ApiKeyRole.Administrator)), [first.Id()], CancellationToken.None);
        Assert.True(Assert.Single(pull.Lines).Succeeded);
        Assert.Single(await ListAsync($"/api/v1/devices/{first.Id()}/dataHistory"));
    }

    private async Task<System.Text.Json.Nodes.JsonArray> ListAsync(string url) =>
        (await (await _admin.GetAsync(url)).ReadObjectAsync(HttpStatusCode.OK))["value"]!.AsArray();
}
