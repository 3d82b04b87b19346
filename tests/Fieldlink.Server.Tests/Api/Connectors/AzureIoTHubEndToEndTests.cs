using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Connectors.AzureIoTHub.Tests;
using Fieldlink.Server.Tests.Api.Commands;
using Fieldlink.Server.Tests.Api.Webhooks;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Connectors;

/// <summary>
/// The Azure IoT Hub connector through Fieldlink's API against the fake hub (its REST API on loopback, allowed by the
/// outbound guard): register, pull and a direct method, with the hub's device keys never in an answer. Both databases.
/// </summary>
public abstract class AzureIoTHubEndToEndTests(FieldlinkServer server) : IAsyncLifetime
{
    private readonly HttpClient _admin = server.Client();
    private FakeIoTHub _hub = null!;

    public async Task InitializeAsync() => _hub = await FakeIoTHub.StartAsync(TimeProvider.System);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_device_is_registered_pulled_and_commanded_on_the_hub_and_its_keys_never_leave_it()
    {
        var provider = await Registry.ProviderAsync(_admin, "azure-iot-hub");
        var instance = await Registry.InstanceAsync(_admin, provider.Id(), new
        {
            connectionString = $"HostName={FakeIoTHub.HostName};SharedAccessKeyName={FakeIoTHub.PolicyName};SharedAccessKey={FakeIoTHub.PolicyKey}",
            eventGridSecret = "event-grid-secret-0123456789",
            serviceUrl = _hub.Url.ToString(),
        });
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var deviceId = (string)device["deviceId"]!;

        var registered = await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/register", null)).Content.ReadAsStringAsync();
        var afterRegister = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        var registrations = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/registrations")).Content.ReadAsStringAsync();

        var keys = _hub.Devices[deviceId]["authentication"]!["symmetricKey"]!;
        Assert.Equal("Registered", (string)afterRegister["registrationStatus"]!);
        foreach (var key in new[] { (string)keys["primaryKey"]!, (string)keys["secondaryKey"]! })
        {
            Assert.DoesNotContain(key, registered, StringComparison.Ordinal);
            Assert.DoesNotContain(key, afterRegister.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain(key, registrations, StringComparison.Ordinal);
        }

        _hub.Devices[deviceId]["connectionState"] = "Connected";
        _hub.Reported[deviceId] = new JsonObject { ["temperature"] = 21.5 };
        (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/pull", null)).EnsureSuccessStatusCode();
        var afterPull = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Connected", (string)afterPull["connectionState"]!);
        Assert.Equal(21.5, (double)afterPull["reportedProperties"]!["temperature"]!);

        _hub.Methods = (_, method, _) => (200, new JsonObject { ["done"] = method });
        var command = await CommandsTests.SendAsync(_admin, device.Id(), "Reset Thermostat");
        var done = await CommandsTests.WaitForAsync(_admin, command.Id(), "Succeeded");
        Assert.Equal("Reset Thermostat", (string)done["response"]!["done"]!);
        Assert.Contains(_hub.Requests, r => r.Method == "POST" && r.Path == $"/twins/{Uri.EscapeDataString(deviceId)}/methods");
    }
}

public sealed class AzureIoTHubEndToEndOnSqliteTests(WebhookSqliteServer server) : AzureIoTHubEndToEndTests(server), IClassFixture<WebhookSqliteServer>;

public sealed class AzureIoTHubEndToEndOnPostgresTests(WebhookPostgresServer server) : AzureIoTHubEndToEndTests(server), IClassFixture<WebhookPostgresServer>;
