using System.Text.Json.Nodes;
using Fieldlink.Core.Alerts;
using Fieldlink.Core.Data;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Server.Tests.Api.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Tests.Thresholds;

/// <summary>Categories with thresholds, devices in them, telemetry over HTTP, and the alerts it raised (read from the store).</summary>
public static class ThresholdFixture
{
    /// <summary>A recent whole hour, so the readings are inside retention and no reading is in the future.</summary>
    public static DateTimeOffset BaseTime { get; } = new DateTimeOffset(DateTimeOffset.UtcNow.Date, TimeSpan.Zero).AddDays(-2);

    /// <summary>A category with <c>temperature</c> (°C, low 2, high 30: default hysteresis 1.4) and the given measures.</summary>
    public static async Task<Guid> CategoryAsync(HttpClient admin, params object[] measures)
    {
        object[] all = measures.Length > 0 ? measures : [new { name = "temperature", unit = "°C", low = 2.0, high = 30.0 }];
        var category = await admin.CreateAsync("deviceCategories", new { name = Registry.Unique("Chiller"), measures = all });
        return category.Id();
    }

    /// <summary>A device (in a new instance unless one is given) in <paramref name="categoryId"/>: (instance, record id, deviceId).</summary>
    public static async Task<(Guid InstanceId, Guid RecordId, string DeviceId)> DeviceAsync(HttpClient admin, Guid? categoryId, Guid? instanceId = null)
    {
        instanceId ??= (await Registry.InstanceAsync(admin)).Id();
        var device = await admin.CreateAsync("devices", new { providerInstanceId = instanceId, name = Registry.Unique("Sensor"), deviceId = Registry.Unique("s"), categoryId });
        return (instanceId.Value, device.Id(), (string)device["deviceId"]!);
    }

    /// <summary>Posts one batch: each (second after <see cref="BaseTime"/>, value) a report of <paramref name="measure"/>; asserts all stored.</summary>
    public static async Task PostAsync(HttpClient client, Guid instanceId, string deviceId, IEnumerable<(int Second, double Value)> readings, string measure = "temperature")
    {
        var body = new JsonArray([.. readings.Select(r => (JsonNode)new JsonObject
        {
            ["deviceId"] = deviceId,
            ["timestamp"] = BaseTime.AddSeconds(r.Second),
            ["values"] = new JsonObject { [measure] = r.Value },
        })]);
        var results = await (await client.PostJsonAsync($"/api/v1/ingest/telemetry?instance={instanceId}", body)).ReadResultsAsync();
        Assert.All(results, r => Assert.Equal("stored", (string)r!["status"]!));
    }

    /// <summary>Posts each reading in a request of its own, in order, as a device reporting one by one would.</summary>
    public static async Task PostEachAsync(HttpClient client, Guid instanceId, string deviceId, params (int Second, double Value)[] readings)
    {
        foreach (var reading in readings)
        {
            await PostAsync(client, instanceId, deviceId, [reading]);
        }
    }

    /// <summary>Every alert of the device, parents and children, oldest first.</summary>
    public static async Task<List<Alert>> AlertsAsync(FieldlinkServer server, Guid deviceRecordId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.DeviceRecordId == deviceRecordId).ToListAsync();
        return [.. alerts.OrderBy(a => a.AlertTime)];
    }
}
