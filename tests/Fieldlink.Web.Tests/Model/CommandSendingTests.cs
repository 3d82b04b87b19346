using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Fieldlink.Server.Model;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Web.Tests.Model;

/// <summary>Sending a command from a page: refused for a person who may not dispatch, held to the definition, queued otherwise.</summary>
public sealed class CommandSendingTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    private CommandSending Sending => server.Services.GetRequiredService<CommandSending>();

    [Fact]
    public async Task A_Technician_is_refused_in_words_and_no_command_is_queued()
    {
        var device = await DeviceAsync();

        var result = await Sending.SendAsync(Person("Technician"), CommandTarget.Device(device), "Notify", new JsonObject { ["Message"] = "hi" }, null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("Only a Dispatcher or an Administrator may send commands.", result.Refusal);
        Assert.Empty((await (await _admin.GetAsync($"/api/v1/devices/{device}/commands")).ReadObjectAsync(HttpStatusCode.OK))["value"]!.AsArray());
    }

    [Fact]
    public async Task A_Dispatchers_command_is_held_to_the_definition_then_queued()
    {
        var device = await DeviceAsync();
        var dispatcher = Person("Dispatcher");

        var definitions = await Sending.DefinitionsAsync(CommandTarget.Device(device), CancellationToken.None);
        Assert.Equal("Notify", Assert.Single(definitions).Name);

        var wrong = await Sending.SendAsync(dispatcher, CommandTarget.Device(device), "Notify", [], null, CancellationToken.None);
        Assert.Contains("parameters.Message", wrong.Errors.Keys);

        var sent = await Sending.SendAsync(dispatcher, CommandTarget.Device(device), "Notify", new JsonObject { ["Message"] = "On our way" }, null, CancellationToken.None);
        Assert.True(sent.Succeeded, sent.Refusal);
        Assert.Equal(1, sent.Queued);
        Assert.Single((await (await _admin.GetAsync($"/api/v1/devices/{device}/commands")).ReadObjectAsync(HttpStatusCode.OK))["value"]!.AsArray());
    }

    private async Task<Guid> DeviceAsync()
    {
        var category = await _admin.CreateAsync("deviceCategories", new
        {
            name = Registry.Unique("Panel"),
            commands = new[] { new { name = "Notify", parameters = new[] { new { name = "Message", type = "String", required = true } } } },
        });
        var instance = await Registry.VendorInstanceAsync(_admin);
        var device = await _admin.CreateAsync("devices", new { providerInstanceId = instance.Id(), name = Registry.Unique("Panel"), deviceId = Registry.Unique("p"), categoryId = category.Id() });
        return device.Id();
    }

    private static ClaimsPrincipal Person(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{role.ToLowerInvariant()}@example.test"), new Claim(ClaimTypes.Role, role)], "Test"));
}
