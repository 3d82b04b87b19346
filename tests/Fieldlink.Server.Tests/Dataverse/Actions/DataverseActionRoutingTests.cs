using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Dataverse.Actions;

/// <summary>
/// Each way routing to a provider can fail has the Web API's error with /api/v1's status: 501 not supported, 409 a
/// disabled instance, 502 the vendor failed, 504 it did not answer; a batch some of whose devices failed answers each.
/// </summary>
public sealed class DataverseActionRoutingTests(DataverseActionRoutingTests.Server server) : IClassFixture<DataverseActionRoutingTests.Server>
{
    private readonly HttpClient _admin = server.Client();

    [Theory]
    [InlineData("msdyn_IoTHubRegisterDevice", "RegisterDevices")]
    [InlineData("msdyn_IoTPullDeviceData", "PullDeviceData")]
    [InlineData("msdyn_IoTSendCommand", "SendCommand")]
    public async Task An_action_the_provider_lacks_is_501_naming_it(string action, string connectorAction)
    {
        var provider = await Registry.ProviderAsync(_admin, "listening-only");
        var device = await Registry.DeviceAsync(_admin, (await Registry.InstanceAsync(_admin, provider.Id())).Id());

        var message = await (await _admin.CallAsync(action, new JsonObject { ["EntityCollection"] = DataverseCalls.Devices(device), ["CommandName"] = "Reset Thermostat" }))
            .ReadErrorAsync(HttpStatusCode.NotImplemented, "0x80040216");

        Assert.Contains(connectorAction, message, StringComparison.Ordinal);
        Assert.Contains((string)provider["name"]!, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fail", HttpStatusCode.BadGateway, "503")]
    [InlineData("hang", HttpStatusCode.GatewayTimeout, "did not answer")]
    public async Task A_vendor_that_fails_is_502_or_504_and_the_failure_is_recorded(string behaviour, HttpStatusCode status, string reason)
    {
        var device = await Registry.DeviceAsync(_admin, (await Registry.VendorInstanceAsync(_admin, behaviour)).Id());

        var message = await (await _admin.CallAsync("msdyn_IoTRegisterDevice", new JsonObject { ["EntityCollection"] = DataverseCalls.Devices(device) }))
            .ReadErrorAsync(status, "0x80040265");

        Assert.Contains(reason, message, StringComparison.Ordinal);
        var history = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/registrations")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Error", (string)Assert.Single(history["value"]!.AsArray())!["status"]!);
    }

    [Fact]
    public async Task A_disabled_instance_is_409_and_no_command_is_made()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        await (await _admin.PatchJsonAsync($"/api/v1/providerInstances/{instance.Id()}", new { enabled = false })).ReadObjectAsync(HttpStatusCode.OK);

        var message = await (await _admin.CallAsync("msdyn_IoTSendCommand", new JsonObject { ["EntityCollection"] = DataverseCalls.Devices(device), ["CommandName"] = "Reset Thermostat" }))
            .ReadErrorAsync(HttpStatusCode.Conflict, "0x80040265");

        Assert.Contains("disabled", message, StringComparison.Ordinal);
        var commands = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/commands?$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)commands["@odata.count"]!);
    }

    [Fact]
    public async Task A_batch_across_providers_answers_each_device_the_failed_ones_saying_why()
    {
        var good = await Registry.DeviceAsync(_admin, (await Registry.VendorInstanceAsync(_admin)).Id());
        var failing = await Registry.DeviceAsync(_admin, (await Registry.VendorInstanceAsync(_admin, "fail")).Id());

        var results = (await (await _admin.CallAsync("msdyn_IoTPullDeviceData", new JsonObject { ["EntityCollection"] = DataverseCalls.Devices(good, failing) }))
            .ReadOutputAsync("msdyn_IoTPullDeviceData", "PullDeviceDataResultsJSON")).AsArray();

        Assert.True((bool)results[0]!["ConnectionState"]!);
        Assert.Equal(failing.Id(), Guid.Parse((string)results[1]!["Id"]!));
        Assert.Null(results[1]!["ConnectionState"]);
        Assert.Contains("503", (string)results[1]!["Message"]!, StringComparison.Ordinal);
    }

    /// <summary>A server whose actions time out after one second, so the timeout test is quick.</summary>
    public sealed class Server : SqliteServer
    {
        public Server() => With("Connectors:ActionTimeout", "00:00:01");
    }
}
