using Fieldlink.Server.Tests.Api.Webhooks;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Dataverse;

/// <summary>An alert created through the Web API is announced as one ingested at /api/v1 is.</summary>
public sealed class DataverseWebhookTests(WebhookSqliteServer server) : IClassFixture<WebhookSqliteServer>, IAsyncLifetime
{
    private readonly HttpClient _admin = server.Client();
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await Webhooks.DeleteAllAsync(_admin);
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task An_alert_created_through_the_Web_API_is_an_alert_created_event()
    {
        await Webhooks.SubscribeAsync(_admin, _receiver.Url(), "alert.created");
        var instance = await Registry.InstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());

        var alert = await _admin.CreateAsync("msdyn_iotalerts", $$"""{"msdyn_description": "Pressure drop", "msdyn_Device@odata.bind": "/msdyn_iotdevices({{device.Id()}})"}""");

        var received = await _receiver.WaitForAsync(r => r.Count >= 1, "the alert.created event");
        var created = Assert.Single(received);
        Assert.Equal("alert.created", created.Type);
        Assert.Equal(alert, Guid.Parse((string)created.Json["data"]!["id"]!));
    }
}
