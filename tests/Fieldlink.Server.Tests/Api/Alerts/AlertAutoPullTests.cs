using System.Net;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Alerts;

/// <summary>Auto-pull: each new parent alert pulls its device's data and links the record, when IoT settings say so.</summary>
public sealed class AlertAutoPullTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task A_new_parent_alert_pulls_its_device_and_links_the_record_and_a_child_does_not()
    {
        await (await _admin.PatchJsonAsync("/api/v1/settings", new { autoPullOnAlert = true })).ReadObjectAsync(HttpStatusCode.OK);
        var instance = await Registry.VendorInstanceAsync(_admin);
        var device = await Registry.DeviceAsync(_admin, instance.Id());
        var parent = await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = (string)device["deviceId"]!, description = "Overheat" });
        var child = await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = (string)device["deviceId"]!, description = "Overheat" });

        var deadline = DateTime.UtcNow.AddSeconds(15);
        System.Text.Json.Nodes.JsonObject read;
        do
        {
            await Task.Delay(100);
            read = await AlertPosts.ReadAsync(_admin, parent.AlertId());
        }
        while (read["dataHistoryId"] is null && DateTime.UtcNow < deadline);

        var history = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/dataHistory")).ReadObjectAsync(HttpStatusCode.OK);
        var pull = Assert.Single(history["value"]!.AsArray())!.AsObject();
        Assert.Equal(pull.Id(), Guid.Parse((string)read["dataHistoryId"]!));
        Assert.Null((await AlertPosts.ReadAsync(_admin, child.AlertId()))["dataHistoryId"]);
    }

    [Fact]
    public async Task With_auto_pull_off_nothing_is_pulled()
    {
        await (await _admin.PatchJsonAsync("/api/v1/settings", new { autoPullOnAlert = false })).ReadObjectAsync(HttpStatusCode.OK);
        try
        {
            var instance = await Registry.VendorInstanceAsync(_admin);
            var device = await Registry.DeviceAsync(_admin, instance.Id());
            var alert = await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = (string)device["deviceId"]!, description = "Overheat" });

            // An alert stored later with auto-pull on is pulled by the worker, which takes pending alerts oldest first
            // and links a round's pulls in that order: once it is linked, the first would have been too.
            await (await _admin.PatchJsonAsync("/api/v1/settings", new { autoPullOnAlert = true })).ReadObjectAsync(HttpStatusCode.OK);
            var later = await Registry.DeviceAsync(_admin, instance.Id());
            var marker = await AlertPosts.CreateAsync(_admin, instance.Id(), new { deviceId = (string)later["deviceId"]!, description = "Overheat" });
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while ((await AlertPosts.ReadAsync(_admin, marker.AlertId()))["dataHistoryId"] is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "The alert stored with auto-pull on was never pulled.");
                await Task.Delay(50);
            }

            Assert.Null((await AlertPosts.ReadAsync(_admin, alert.AlertId()))["dataHistoryId"]);
            var history = await (await _admin.GetAsync($"/api/v1/devices/{device.Id()}/dataHistory?$count=true")).ReadObjectAsync(HttpStatusCode.OK);
            Assert.Equal(0, (int)history["@odata.count"]!);
        }
        finally
        {
            await (await _admin.PatchJsonAsync("/api/v1/settings", new { autoPullOnAlert = true })).ReadObjectAsync(HttpStatusCode.OK);
        }
    }
}
