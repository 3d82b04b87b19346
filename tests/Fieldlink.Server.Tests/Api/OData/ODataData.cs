using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.OData;

/// <summary>A record in every collection the OData tests read, linked as the references <c>$expand</c> follows.</summary>
public sealed record ODataData(Guid Instance, Guid Account, Guid Asset, Guid Category, Guid Device, Guid Parent, IReadOnlyList<Guid> Children, Guid Case)
{
    public static async Task<ODataData> CreateAsync(HttpClient admin)
    {
        await (await admin.PatchJsonAsync("/api/v1/settings", new { alertGroupingEnabled = true, alertGroupingFields = Array.Empty<string>(), alertGroupingWindow = "PT5M", autoPullOnAlert = false }))
            .ReadObjectAsync(HttpStatusCode.OK);
        var instance = (await Registry.InstanceAsync(admin)).Id();
        var account = (await admin.CreateAsync("accounts", new { name = Registry.Unique("Contoso") })).Id();
        var asset = (await admin.CreateAsync("customerAssets", new { name = Registry.Unique("Chiller"), accountId = account })).Id();
        var category = (await admin.CreateAsync("deviceCategories", new { name = Registry.Unique("Chillers"), measures = Array.Empty<object>() })).Id();
        var deviceId = Registry.Unique("d");
        var device = (await admin.CreateAsync("devices", new
        {
            providerInstanceId = instance, name = Registry.Unique("Sensor"), deviceId, categoryId = category, customerAssetId = asset, tags = new[] { "roof" },
        })).Id();
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds());
        var parent = (await AlertPosts.CreateAsync(admin, instance, new { deviceId, description = "Overheat", alertTime = at, data = new { t = 91 } })).AlertId();
        var children = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            var child = await AlertPosts.CreateAsync(admin, instance, new { deviceId, description = $"Overheat again {i}", alertTime = at.AddSeconds(i) });
            Assert.Equal(parent, child.ParentId());
            children.Add(child.AlertId());
        }

        var @case = (await (await admin.PostJsonAsync($"/api/v1/alerts/{parent}/case", new { title = "Chiller overheats" })).ReadObjectAsync(HttpStatusCode.Created)).Id();
        await (await admin.PostJsonAsync($"/api/v1/cases/{@case}/workOrder", new { instructions = "Check the fan" })).ReadObjectAsync(HttpStatusCode.Created);
        await admin.PostJsonAsync($"/api/v1/devices/{device}/commands", new { name = "reboot", parameters = new { } });

        // Disabled, so nothing is ever delivered to it: it is here to be read.
        await (await admin.PostJsonAsync("/api/v1/webhooks", new { url = "https://93.184.215.14/hook", eventTypes = new[] { "alert.created" }, enabled = false }))
            .ReadObjectAsync(HttpStatusCode.Created);
        return new(instance, account, asset, category, device, parent, children, @case);
    }
}
