using Fieldlink.Core.Data;
using Fieldlink.Core.Readings;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;

namespace Fieldlink.Server.Tests.Api.Readings;

/// <summary>Works on the readings of a running server's store directly, as the API and connectors would.</summary>
public static class ReadingsFixture
{
    /// <summary>A recent whole hour, so readings the tests write are well inside the server's own retention.</summary>
    public static DateTimeOffset BaseTime { get; } = new DateTimeOffset(DateTimeOffset.UtcNow.Date, TimeSpan.Zero).AddDays(-3);

    public static async Task<DeviceRef> DeviceAsync(FieldlinkServer server, HttpClient admin, Guid? categoryId = null)
    {
        var instance = await Registry.InstanceAsync(admin);
        var device = await admin.CreateAsync("devices", new { providerInstanceId = instance.Id(), name = Registry.Unique("Sensor"), deviceId = Registry.Unique("s"), categoryId });
        return new DeviceRef(device.Id(), (string)device["deviceId"]!, (string)device["name"]!, null, false);
    }

    public static async Task WriteAsync(FieldlinkServer server, params DeviceReading[] readings)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReadingsWriter>().WriteAsync(readings, [], CancellationToken.None);
    }

    public static async Task<ReadingsResult> QueryAsync(FieldlinkServer server, DeviceRef device, DateTimeOffset from, DateTimeOffset to, TimeSpan interval, params string[] measures)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReadingsStore>().QueryAsync(new ReadingsQuery(device, from, to, interval, measures), CancellationToken.None);
    }

    /// <summary>Every stored reading of the device's measure, oldest first, as (timestamp, value).</summary>
    public static async Task<List<(DateTimeOffset Timestamp, double Value)>> AllAsync(FieldlinkServer server, Guid deviceRecordId, string measure)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
        var rows = await db.Readings
            .Where(r => db.ReadingSeries.Any(s => s.Id == r.SeriesId && s.DeviceRecordId == deviceRecordId && s.Measure == measure))
            .OrderBy(r => r.Timestamp)
            .Select(r => new { r.Timestamp, r.Value })
            .ToListAsync();
        return rows.Select(r => (r.Timestamp, r.Value)).ToList();
    }
}
