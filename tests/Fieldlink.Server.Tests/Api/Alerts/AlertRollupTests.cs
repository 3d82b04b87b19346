using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;

namespace Fieldlink.Server.Tests.Api.Alerts;

/// <summary>
/// A customer asset's rollups (open parent alerts, latest alert) move on as alerts arrive, counted on from the stored
/// figures; batches that share assets, in any order, neither lose a count nor deadlock. Both databases.
/// </summary>
public abstract class AlertRollupTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task New_parents_count_and_the_latest_alert_time_is_kept_while_repeats_and_older_alerts_move_nothing_back()
    {
        var instance = await Registry.VendorInstanceAsync(_admin);
        var (asset, devices) = await AssetWithDevicesAsync(instance.Id(), 2);
        var at = new DateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-10).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

        await AlertPosts.PostAsync(_admin, instance.Id(),
            new { deviceId = devices[0], description = "Overheat", alertTime = at },
            new { deviceId = devices[0], description = "Overheat", alertTime = at.AddMinutes(1) },
            new { deviceId = devices[1], description = "Low pressure", alertTime = at.AddMinutes(2) });
        await AlertPosts.PostAsync(_admin, instance.Id(), new { deviceId = devices[1], description = "Door open", alertTime = at.AddMinutes(-30) });

        var read = await ReadAsync(asset);
        Assert.Equal(3, (int)read["activeAlertCount"]!);
        Assert.Equal(at.AddMinutes(2), DateTimeOffset.Parse((string)read["lastAlertAt"]!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Parallel_batches_sharing_assets_in_opposite_orders_count_every_parent()
    {
        const int Assets = 8;
        const int Batches = 16;
        var instance = await Registry.VendorInstanceAsync(_admin);
        var assets = new List<(Guid Asset, string Device)>();
        for (var i = 0; i < Assets; i++)
        {
            var (asset, devices) = await AssetWithDevicesAsync(instance.Id(), 1);
            assets.Add((asset, devices[0]));
        }

        // Every alert of every batch is a parent of its own (each batch's alerts come ten minutes after the last batch's,
        // outside the grouping window), so no group lock orders the batches.
        var start = DateTimeOffset.UtcNow.AddHours(-4);
        var posts = Enumerable.Range(0, Batches).Select(b => Task.Run(() =>
        {
            var order = b % 2 == 0 ? assets : Enumerable.Reverse(assets);
            var alerts = order.Select(a => (object)new { deviceId = a.Device, description = "Fault", alertTime = start.AddMinutes(10 * b) }).ToArray();
            return AlertPosts.PostAsync(server.Client(), instance.Id(), alerts);
        }));
        var results = await Task.WhenAll(posts);

        Assert.All(results.SelectMany(r => r), r => Assert.Equal("created", (string)r!["status"]!));
        foreach (var (asset, _) in assets)
        {
            Assert.Equal(Batches, (int)(await ReadAsync(asset))["activeAlertCount"]!);
        }
    }

    private async Task<(Guid Asset, List<string> Devices)> AssetWithDevicesAsync(Guid instanceId, int count)
    {
        var asset = await _admin.CreateAsync("customerAssets", new { name = Registry.Unique("Chiller") });
        var devices = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var device = await _admin.CreateAsync("devices", new { providerInstanceId = instanceId, name = Registry.Unique("Sensor"), deviceId = Registry.Unique("sensor"), customerAssetId = asset.Id() });
            devices.Add((string)device["deviceId"]!);
        }

        return (asset.Id(), devices);
    }

    private async Task<JsonObject> ReadAsync(Guid asset) =>
        await (await _admin.GetAsync($"/api/v1/customerAssets/{asset}")).ReadObjectAsync(HttpStatusCode.OK);
}

public sealed class AlertRollupOnSqliteTests(SqliteServer server) : AlertRollupTests(server), IClassFixture<SqliteServer>;

public sealed class AlertRollupOnPostgresTests(PostgresServer server) : AlertRollupTests(server), IClassFixture<PostgresServer>;
