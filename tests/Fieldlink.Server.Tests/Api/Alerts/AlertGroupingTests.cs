using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Alerts;

/// <summary>
/// Each grouping rule and the window's edges. A server of its own: each test sets the IoT settings it needs.
/// </summary>
public sealed class AlertGroupingTests(SqliteServer server) : IClassFixture<SqliteServer>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-3).ToUnixTimeSeconds());
    private readonly HttpClient _admin = server.Client();
    private Guid _instance;

    public async Task InitializeAsync()
    {
        _instance = (await Registry.VendorInstanceAsync(_admin)).Id();
        await SettingsAsync(new { alertGroupingEnabled = true, alertGroupingFields = Array.Empty<string>(), alertGroupingWindow = "PT5M", autoPullOnAlert = false });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_repeat_for_the_same_device_within_the_window_joins_the_first_as_its_parent()
    {
        var device = Registry.Unique("d");
        var parent = await PostAsync(device, "Overheat", T0);
        var child = await PostAsync(device, "Overheat again", T0.AddMinutes(3));
        var grandchild = await PostAsync(device, "Still hot", T0.AddMinutes(7));

        Assert.Null(parent.ParentId());
        Assert.Equal(parent.AlertId(), child.ParentId());
        Assert.Equal(parent.AlertId(), grandchild.ParentId());
        var read = await AlertPosts.ReadAsync(_admin, parent.AlertId());
        Assert.Equal(2, (int)read["childCount"]!);
        Assert.Equal(T0.AddMinutes(7), DateTimeOffset.Parse((string)read["lastOccurrenceAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        var children = await (await _admin.GetAsync($"/api/v1/alerts/{parent.AlertId()}/children")).ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(2, children["value"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_window_includes_its_edge_and_not_a_second_more()
    {
        var device = Registry.Unique("d");
        var parent = await PostAsync(device, "Edge", T0);
        var atEdge = await PostAsync(device, "Edge", T0.AddMinutes(5));
        var beyond = await PostAsync(device, "Edge", T0.AddMinutes(10).AddSeconds(1));

        Assert.Equal(parent.AlertId(), atEdge.ParentId());
        Assert.Null(beyond.ParentId());
    }

    [Fact]
    public async Task Alerts_of_different_devices_do_not_group_by_default()
    {
        var first = await PostAsync(Registry.Unique("d"), "Overheat", T0);
        var second = await PostAsync(Registry.Unique("d"), "Overheat", T0.AddMinutes(1));

        Assert.Null(first.ParentId());
        Assert.Null(second.ParentId());
    }

    [Fact]
    public async Task With_alert_type_chosen_only_alerts_of_the_same_type_group()
    {
        await SettingsAsync(new { alertGroupingFields = new[] { "device", "alertType" } });
        var device = Registry.Unique("d");
        var anomaly = await PostAsync(device, "A", T0, "Anomaly");
        var info = await PostAsync(device, "B", T0.AddMinutes(1), "Info");
        var anomalyAgain = await PostAsync(device, "C", T0.AddMinutes(2), "Anomaly");

        Assert.Null(info.ParentId());
        Assert.Equal(anomaly.AlertId(), anomalyAgain.ParentId());
    }

    [Fact]
    public async Task With_description_chosen_alerts_group_by_what_they_say_across_devices()
    {
        await SettingsAsync(new { alertGroupingFields = new[] { "description" } });
        var text = Registry.Unique("Door open");
        var first = await PostAsync(Registry.Unique("d"), text, T0);
        var second = await PostAsync(Registry.Unique("d"), text, T0.AddMinutes(1));
        var other = await PostAsync(Registry.Unique("d"), Registry.Unique("Door closed"), T0.AddMinutes(1));

        Assert.Equal(first.AlertId(), second.ParentId());
        Assert.Null(other.ParentId());
    }

    [Fact]
    public async Task With_customer_asset_chosen_the_devices_of_one_asset_group_together()
    {
        await SettingsAsync(new { alertGroupingFields = new[] { "customerAsset" } });
        var asset = await _admin.CreateAsync("customerAssets", new { name = Registry.Unique("Chiller plant") });
        var a = await _admin.CreateAsync("devices", new { providerInstanceId = _instance, name = "A", deviceId = Registry.Unique("a"), customerAssetId = asset.Id() });
        var b = await _admin.CreateAsync("devices", new { providerInstanceId = _instance, name = "B", deviceId = Registry.Unique("b"), customerAssetId = asset.Id() });

        var first = await PostAsync((string)a["deviceId"]!, "Pressure", T0);
        var second = await PostAsync((string)b["deviceId"]!, "Flow", T0.AddMinutes(1));

        Assert.Equal(first.AlertId(), second.ParentId());
    }

    [Fact]
    public async Task With_grouping_off_every_alert_stands_alone()
    {
        await SettingsAsync(new { alertGroupingEnabled = false });
        var device = Registry.Unique("d");
        var first = await PostAsync(device, "Overheat", T0);
        var second = await PostAsync(device, "Overheat", T0.AddSeconds(10));

        Assert.Null(first.ParentId());
        Assert.Null(second.ParentId());
    }

    [Fact]
    public async Task A_closed_group_is_not_joined_a_new_alert_starts_a_new_one()
    {
        var device = Registry.Unique("d");
        var first = await PostAsync(device, "Overheat", T0);
        await (await _admin.PatchJsonAsync($"/api/v1/alerts/{first.AlertId()}", new { status = "Closed" })).ReadObjectAsync(HttpStatusCode.OK);

        var next = await PostAsync(device, "Overheat", T0.AddMinutes(1));

        Assert.Null(next.ParentId());
    }

    [Fact]
    public async Task Repeats_in_one_batch_group_under_the_earliest()
    {
        var device = Registry.Unique("d");
        var results = await AlertPosts.PostAsync(_admin, _instance,
            new { deviceId = device, description = "Later", alertTime = T0.AddMinutes(2) },
            new { deviceId = device, description = "Earliest", alertTime = T0 },
            new { deviceId = device, description = "Latest", alertTime = T0.AddMinutes(4) });

        var parent = results[1]!.AsObject();
        Assert.Null(parent.ParentId());
        Assert.Equal(parent.AlertId(), results[0]!.AsObject().ParentId());
        Assert.Equal(parent.AlertId(), results[2]!.AsObject().ParentId());
    }

    private Task<JsonObject> PostAsync(string deviceId, string description, DateTimeOffset at, string alertType = "Anomaly") =>
        AlertPosts.CreateAsync(_admin, _instance, new { deviceId, description, alertTime = at, alertType });

    private async Task SettingsAsync(object patch) =>
        await (await _admin.PatchJsonAsync("/api/v1/settings", patch)).ReadObjectAsync(HttpStatusCode.OK);
}
