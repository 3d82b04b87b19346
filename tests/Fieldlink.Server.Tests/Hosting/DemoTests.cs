using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Testing;

namespace Fieldlink.Server.Tests.Hosting;

/// <summary><c>fieldlink serve --demo</c>: the demo is seeded into an empty store, once.</summary>
public sealed class DemoTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string DatabasePath => Path.Combine(_directory.Path, "fieldlink.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Demo_seeds_the_simulator_accounts_category_and_twenty_devices_once()
    {
        var first = await DemoServer.StartAsync(DatabasePath);
        JsonObject before;
        try
        {
            // Connectors open after the server listens: the snapshots are taken once the instance is connected.
            await AssertInstancesReadyAsync(first.Client(key: null));
            before = await SnapshotAsync(first.Client());
            AssertDemo(before);
        }
        finally
        {
            await first.StopAsync();
        }

        var second = await DemoServer.StartAsync(DatabasePath);
        try
        {
            await AssertInstancesReadyAsync(second.Client(key: null));
            var after = await SnapshotAsync(second.Client());
            Assert.Equal(before.ToJsonString(), after.ToJsonString());
        }
        finally
        {
            await second.StopAsync();
        }
    }

    [Fact]
    public async Task Demo_leaves_a_store_that_has_providers_alone()
    {
        var plain = await DemoServer.StartAsync(DatabasePath, demo: false);
        try
        {
            await Registry.ProviderAsync(plain.Client(), "test-vendor");
        }
        finally
        {
            await plain.StopAsync();
        }

        var demo = await DemoServer.StartAsync(DatabasePath);
        try
        {
            var snapshot = await SnapshotAsync(demo.Client());
            Assert.Single(snapshot["providers"]!.AsArray());
            Assert.Empty(snapshot["devices"]!.AsArray());
            Assert.Empty(snapshot["accounts"]!.AsArray());
        }
        finally
        {
            await demo.StopAsync();
        }
    }

    /// <summary>The demo's simulator instance connects, and readiness counts it connected and Healthy.</summary>
    private static async Task AssertInstancesReadyAsync(HttpClient anonymous)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var body = JsonNode.Parse(await anonymous.GetStringAsync("/healthz/ready"))!;
            var entry = body["entries"]!["providerInstances"]!;
            if ((long)entry["data"]!["connected"]! == 1)
            {
                Assert.Equal(("Healthy", 1L), ((string)entry["status"]!, (long)entry["data"]!["enabled"]!));
                Assert.Equal("The one enabled provider instance is connected.", (string?)entry["description"]);
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The demo's instance never counted as connected: {entry.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    private static void AssertDemo(JsonObject demo)
    {
        var provider = Assert.Single(demo["providers"]!.AsArray())!;
        Assert.Equal(("Fieldlink Simulator", "simulator"), ((string)provider["name"]!, (string)provider["connector"]!));
        var instance = Assert.Single(demo["providerInstances"]!.AsArray())!;
        Assert.Equal("Simulator", (string)instance["name"]!);
        Assert.Equal((42, 10), ((int)instance["settings"]!["seed"]!, (int)instance["settings"]!["telemetryIntervalSeconds"]!));
        Assert.Equal((string)instance["id"]!, (string)demo["settings"]!["defaultProviderInstanceId"]!);

        var category = Assert.Single(demo["deviceCategories"]!.AsArray())!;
        Assert.Equal("HVAC sensor", (string)category["name"]!);
        Assert.Equal(
            ["temperature °C 2..30", "humidity % 20..80"],
            category["measures"]!.AsArray().Select(m => $"{m!["name"]} {m["unit"]} {m["low"]}..{m["high"]}"));

        var accounts = demo["accounts"]!.AsArray();
        Assert.Equal(["Contoso Facilities", "Fabrikam Foods"], accounts.Select(a => (string)a!["name"]!).Order(StringComparer.Ordinal));
        var assets = demo["customerAssets"]!.AsArray();
        Assert.Equal(["Chiller Plant", "Cold Room 3", "Espresso Bar", "Rooftop HVAC 1"], assets.Select(a => (string)a!["name"]!).Order(StringComparer.Ordinal));

        var devices = demo["devices"]!.AsArray();
        Assert.Equal(20, devices.Count);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"sim-{i:00}"), devices.Select(d => (string)d!["deviceId"]!).Order(StringComparer.Ordinal));
        Assert.Contains(devices, d => (string)d!["name"]! == "HVAC sensor 01");
        Assert.All(devices, d =>
        {
            Assert.True((bool)d!["simulated"]!);
            Assert.Equal((string)instance["id"]!, (string)d["providerInstanceId"]!);
            Assert.Equal((string)category["id"]!, (string)d["categoryId"]!);
            var asset = assets.Single(a => (string)a!["id"]! == (string)d["customerAssetId"]!)!;
            Assert.Equal((string)asset["accountId"]!, (string)d["accountId"]!);
        });
        Assert.All(assets, a => Assert.Equal(5, devices.Count(d => (string)d!["customerAssetId"]! == (string)a!["id"]!)));
    }

    /// <summary>What the API shows of every collection the demo fills, in a stable order.</summary>
    private static async Task<JsonObject> SnapshotAsync(HttpClient client)
    {
        var snapshot = new JsonObject();
        foreach (var collection in new[] { "providers", "providerInstances", "deviceCategories", "accounts", "customerAssets", "devices" })
        {
            var page = await (await client.GetAsync($"/api/v1/{collection}?$orderby=name&$top=100")).ReadObjectAsync(HttpStatusCode.OK);
            snapshot[collection] = page["value"]!.DeepClone();
        }

        // An instance's connection is what its process reports now, not what the demo seeded.
        foreach (var instance in snapshot["providerInstances"]!.AsArray())
        {
            instance!.AsObject().Remove("connection");
        }

        snapshot["settings"] = await (await client.GetAsync("/api/v1/settings")).ReadObjectAsync(HttpStatusCode.OK);
        return snapshot;
    }
}
