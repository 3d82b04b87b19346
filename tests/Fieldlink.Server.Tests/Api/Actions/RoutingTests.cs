using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Tests.Api.Actions;

/// <summary>Every action goes device → instance → provider → connector; each way it can fail has its answer.</summary>
public sealed class RoutingTests : IClassFixture<RoutingTests.Server>
{
    private readonly Server _server;
    private readonly HttpClient _admin;

    public RoutingTests(Server server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _server = server;
        _admin = server.Client();
    }

    [Fact]
    public async Task Register_goes_through_the_connector_marks_the_device_and_records_it()
    {
        var device = await DeviceAsync("ok");

        var record = await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/register", null)).ReadObjectAsync(HttpStatusCode.OK);

        Assert.Equal("Registered", (string)record["status"]!);
        Assert.Equal("Succeeded", (string)record["outcome"]!);
        Assert.Equal("Registered at vendor.example", (string)record["message"]!);
        var read = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Registered", (string)read["registrationStatus"]!);
        var history = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/registrations")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(record.Id(), Assert.Single(history["value"]!.AsArray())!.AsObject().Id());
    }

    [Fact]
    public async Task A_device_the_vendor_rejects_is_registered_as_Error_with_the_vendors_message()
    {
        var device = await DeviceAsync("ok", deviceId: "reject-1");

        var record = await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/register", null)).ReadObjectAsync(HttpStatusCode.OK);

        Assert.Equal("Error", (string)record["status"]!);
        Assert.Equal("The vendor rejects this device.", (string)record["message"]!);
    }

    [Theory]
    [InlineData("fail", HttpStatusCode.BadGateway, "Failed", "503")]
    [InlineData("crash", HttpStatusCode.BadGateway, "Failed", "A bug in the connector")]
    [InlineData("hang", HttpStatusCode.GatewayTimeout, "TimedOut", "did not answer")]
    public async Task A_vendor_that_fails_answers_5xx_records_Error_and_changes_nothing_else(string behaviour, HttpStatusCode status, string outcome, string reason)
    {
        var device = await DeviceAsync(behaviour);

        // A connector that throws what it should not is a bug the router logs at Error, as it should.
        using var _ = behaviour == "crash" ? _server.Log.ExpectErrors("ActionRouter") : null;
        var problem = await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/register", null)).ReadProblemAsync(status);

        Assert.Contains(reason, (string)problem["detail"]!, StringComparison.Ordinal);
        var history = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/registrations")).ReadObjectAsync(HttpStatusCode.OK);
        var record = Assert.Single(history["value"]!.AsArray())!;
        Assert.Equal("Error", (string)record["status"]!);
        Assert.Equal(outcome, (string)record["outcome"]!);
        Assert.Equal(record.AsObject().Id(), Guid.Parse((string)problem["registrationId"]!));
        var read = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Unknown", (string)read["registrationStatus"]!);
    }

    [Fact]
    public async Task A_disabled_instance_is_409_and_nothing_is_recorded()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        await (await _admin.PatchJsonAsync($"/api/v1/providerInstances/{instance.Id()}", new { enabled = false })).ReadObjectAsync(HttpStatusCode.OK);

        var problem = await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/pull", null)).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("disabled", (string)problem["detail"]!, StringComparison.Ordinal);
        var history = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/dataHistory?$count=true")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)history["@odata.count"]!);
    }

    [Fact]
    public async Task An_action_the_connector_lacks_is_501_naming_the_action_and_the_provider()
    {
        var provider = await Registry.ProviderAsync(_admin, "listening-only");
        var instance = await Registry.InstanceAsync(_admin, provider.Id());
        var device = await Registry.DeviceAsync(_admin, instance.Id());

        foreach (var action in new[] { "register", "pull" })
        {
            var problem = await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/{action}", null)).ReadProblemAsync(HttpStatusCode.NotImplemented);
            Assert.Contains((string)provider["name"]!, (string)problem["detail"]!, StringComparison.Ordinal);
            Assert.Contains(action == "register" ? "RegisterDevices" : "PullDeviceData", (string)problem["detail"]!, StringComparison.Ordinal);
        }

        await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/actions/echo", null)).ReadProblemAsync(HttpStatusCode.NotImplemented);
    }

    [Fact]
    public async Task A_provider_whose_connector_is_not_installed_is_501_saying_so()
    {
        // A plugin removed after its providers were made: the provider is stored, its connector is gone.
        var provider = await Registry.ProviderAsync(_admin, "listening-only");
        var instance = await Registry.InstanceAsync(_admin, provider.Id());
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Fieldlink.Core.Data.FieldlinkDbContext>();
            await db.Providers.Where(p => p.Id == provider.Id()).ExecuteUpdateAsync(s => s.SetProperty(p => p.Connector, "not-installed"));
        }

        var problem = await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/register", null)).ReadProblemAsync(HttpStatusCode.NotImplemented);
        Assert.Contains("not-installed", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_records_the_data_and_updates_the_device()
    {
        var device = await DeviceAsync("ok");

        var record = await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/pull", null)).ReadObjectAsync(HttpStatusCode.OK);

        Assert.Equal("Enabled", (string)record["status"]!);
        Assert.Equal(65.6, (double)record["reportedProperties"]!["temperature"]!);
        var read = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Connected", (string)read["connectionState"]!);
        Assert.Equal(21.3, (double)read["reportedProperties"]!["humidity"]!);
        Assert.NotNull(read["lastActivityAt"]);
        Assert.NotNull(read["connectionStateChangedAt"]);
    }

    [Fact]
    public async Task Pull_of_a_device_the_vendor_does_not_know_records_NotFound_and_leaves_the_device()
    {
        var device = await DeviceAsync("ok", deviceId: "missing-7");

        var record = await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/pull", null)).ReadObjectAsync(HttpStatusCode.OK);

        Assert.Equal("NotFound", (string)record["status"]!);
        var read = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Unknown", (string)read["connectionState"]!);
    }

    [Fact]
    public async Task A_batch_is_split_per_instance_and_answers_per_device()
    {
        var good = await DeviceAsync("ok");
        var bad = await DeviceAsync("fail");
        var unknown = Guid.NewGuid();

        var answer = await (await _admin.PostJsonAsync("/api/v1/devices/register", new { ids = new[] { good.Id(), bad.Id(), unknown } })).ReadObjectAsync(HttpStatusCode.OK);

        var results = answer["results"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal([good.Id(), bad.Id(), unknown], results.Select(r => Guid.Parse((string)r["deviceRecordId"]!)));
        Assert.True((bool)results[0]["succeeded"]!);
        Assert.Equal("Registered", (string)results[0]["record"]!["status"]!);
        Assert.False((bool)results[1]["succeeded"]!);
        Assert.Equal("Failed", (string)results[1]["errorKind"]!);
        Assert.Equal("Error", (string)results[1]["record"]!["status"]!);
        Assert.Equal("DeviceNotFound", (string)results[2]["errorKind"]!);
    }

    [Fact]
    public async Task A_batch_needs_ids_and_has_a_limit()
    {
        await (await _admin.PostJsonAsync("/api/v1/devices/pull", new { ids = Array.Empty<Guid>() })).ReadFieldErrorAsync("ids");
        await (await _admin.PostJsonAsync("/api/v1/devices/pull", new { ids = Enumerable.Range(0, 501).Select(_ => Guid.NewGuid()) })).ReadFieldErrorAsync("ids");
    }

    [Fact]
    public async Task A_custom_action_takes_and_returns_json()
    {
        var device = await DeviceAsync("ok");

        var output = await (await _admin.PostJsonAsync($"/api/v1/devices/{device.Id()}/actions/ECHO", new { level = 3 })).ReadObjectAsync(HttpStatusCode.OK);

        Assert.Equal("echo", (string)output["action"]!);
        Assert.Equal(3, (int)output["input"]!["level"]!);
        await (await _admin.PostJsonAsync($"/api/v1/devices/{device.Id()}/actions/reboot", new { })).ReadProblemAsync(HttpStatusCode.NotImplemented);
    }

    [Fact]
    public async Task A_changed_instance_is_reopened_with_its_new_settings()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/register", null)).ReadObjectAsync(HttpStatusCode.OK);

        await (await _admin.PatchJsonAsync($"/api/v1/providerInstances/{instance.Id()}", new { settings = new { behaviour = "fail" } })).ReadObjectAsync(HttpStatusCode.OK);

        await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/register", null)).ReadProblemAsync(HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task Events_fall_back_to_the_devices_own_records()
    {
        var device = await DeviceAsync("ok");
        await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/register", null)).ReadObjectAsync(HttpStatusCode.OK);
        await (await _admin.PostAsync($"/api/v1/devices/{device.Id()}/pull", null)).ReadObjectAsync(HttpStatusCode.OK);

        var events = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/events")).ReadObjectAsync(HttpStatusCode.OK);

        var series = events["series"]!.AsObject();
        Assert.Equal("Registration: Registered", (string)Assert.Single(series["Registrations"]!.AsArray())!["description"]!);
        Assert.Equal("Data pulled", (string)Assert.Single(series["Data pulls"]!.AsArray())!["description"]!);
        Assert.Empty(series["Alerts"]!.AsArray());
    }

    [Fact]
    public async Task Events_pin_the_devices_parent_alerts_each_linked_to_its_record()
    {
        var device = await DeviceAsync("ok");
        var instanceId = Guid.Parse((string)device["providerInstanceId"]!);
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        var parent = await AlertPosts.CreateAsync(_admin, instanceId, new { deviceId = (string)device["deviceId"]!, description = "Fan stopped", alertType = "Anomaly", alertTime = at });
        // A repeat is grouped under it: the parent is the one pin.
        await AlertPosts.PostAsync(_admin, instanceId, new { deviceId = (string)device["deviceId"]!, description = "Fan stopped", alertType = "Anomaly", alertTime = at.AddMinutes(1) });

        var events = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/events")).ReadObjectAsync(HttpStatusCode.OK);

        var pin = Assert.Single(events["series"]!["Alerts"]!.AsArray())!.AsObject();
        Assert.Equal("Alert (Anomaly): Fan stopped", (string)pin["description"]!);
        Assert.Equal("alert", (string)pin["entity"]!);
        Assert.Equal(parent.AlertId(), Guid.Parse((string)pin["recordId"]!));
        Assert.Equal("#AD1457", (string)pin["color"]!);
    }

    [Fact]
    public async Task Actions_on_an_unknown_device_are_404()
    {
        var id = Guid.NewGuid();
        await (await _admin.PostAsync($"/api/v1/devices/{id}/register", null)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.PostAsync($"/api/v1/devices/{id}/pull", null)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.GetAsync($"/api/v1/devices/{id}/readings")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.GetAsync($"/api/v1/devices/{id}/events")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("interval=PT0S", "interval")]
    [InlineData("interval=an%20hour", "interval")]
    [InlineData("interval=PT1S&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", "interval")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    public async Task A_bad_readings_query_is_400_naming_the_parameter(string query, string field)
    {
        var device = await DeviceAsync("ok");
        await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/readings?{query}")).ReadFieldErrorAsync(field);
    }

    [Fact]
    public async Task Readings_without_from_cover_the_last_day_from_a_whole_interval()
    {
        var device = await DeviceAsync("ok");

        var answer = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/readings?interval=PT1H")).ReadObjectAsync(HttpStatusCode.OK);

        var from = DateTimeOffset.Parse((string)answer["from"]!, System.Globalization.CultureInfo.InvariantCulture);
        var to = DateTimeOffset.Parse((string)answer["to"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Zero, from.TimeOfDay - TimeSpan.FromHours(from.Hour));
        Assert.InRange(to - from, TimeSpan.FromDays(1), TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        Assert.Empty(answer["measures"]!.AsObject());
    }

    [Fact]
    public async Task Technicians_may_not_act_on_devices()
    {
        var device = await DeviceAsync("ok");
        var technician = new HttpClient { BaseAddress = _admin.BaseAddress };
        technician.DefaultRequestHeaders.Authorization = new("Bearer", await Registry.KeyAsync(_admin, "Technician"));

        await (await technician.PostAsync($"/api/v1/devices/{device.Id()}/register", null)).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await technician.GetAsync($"/api/v1/devices/{device.Id()}/registrations")).StatusCode);
    }

    private async Task<JsonObject> DeviceAsync(string behaviour, string? deviceId = null)
    {
        var instance = await Registry.VendorInstanceAsync(_admin, behaviour);
        return await Registry.DeviceAsync(_admin, instance.Id(), deviceId);
    }

    /// <summary>A server whose actions time out after one second, so the timeout test is quick.</summary>
    public sealed class Server : SqliteServer
    {
        public Server()
        {
            With("Connectors:ActionTimeout", "00:00:01");
        }
    }
}
