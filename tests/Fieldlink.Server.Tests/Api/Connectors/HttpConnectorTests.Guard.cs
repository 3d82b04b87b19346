using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Core.Data;
using Microsoft.EntityFrameworkCore;
using Fieldlink.Server.Tests.Api.Commands;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Api.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Fieldlink.Server.Tests.Api.Connectors;

/// <summary>The http connector's command URLs held to the outbound guard, when saved and when connecting.</summary>
public abstract partial class HttpConnectorTests
{
    [Fact]
    public async Task A_command_url_naming_localhost_is_refused_when_only_127_0_0_1_is_allowed()
    {
        var provider = await Registry.ProviderAsync(_admin, "http");
        var localhost = _receiver.Url("/commands").Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

        var refused = await _admin.PostJsonAsync("/api/v1/providerInstances", new
        {
            providerId = provider.Id(), name = Registry.Unique("Vendor"), settings = new { signingSecret = _secret, commandUrl = localhost },
        });

        Assert.Contains("Outbound:AllowedHosts", await refused.ReadFieldErrorAsync("settings.commandUrl"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_url_that_resolves_inside_after_it_was_saved_is_refused_when_connecting()
    {
        _receiver.Reply = _ => new WebhookReceiver.Answer(200, Body: """{"status": "Succeeded"}""");
        var (instance, deviceId) = await InstanceAsync(new { signingSecret = _secret, commandUrl = _receiver.Url("/commands") });

        // Past the check at save, as a name that resolved outside then and inside now would be (DNS rebinding):
        // 127.0.0.1 is allowed here, localhost is not.
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            var record = await db.ProviderInstances.SingleAsync(p => p.Id == instance);
            record.Settings = new JsonObject { ["signingSecret"] = _secret, ["commandUrl"] = _receiver.Url("/commands").Replace("127.0.0.1", "localhost", StringComparison.Ordinal) }.ToJsonString();
            await db.SaveChangesAsync();
        }

        var command = await CommandsTests.SendAsync(_admin, await DeviceRecordAsync(instance, deviceId), "Set Values");

        var refused = await WaitForErrorAsync(command.Id(), "Refused to connect to localhost");
        Assert.Contains("Outbound:AllowedHosts", (string)refused["error"]!, StringComparison.Ordinal);
        Assert.Empty(_receiver.Requests);
    }
}
