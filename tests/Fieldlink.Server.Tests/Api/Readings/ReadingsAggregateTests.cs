using Fieldlink.Core.Data;
using Fieldlink.Core.Readings;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Sdk;
using Microsoft.Extensions.Time.Testing;
using static Fieldlink.Server.Tests.Api.Readings.ReadingsFixture;

namespace Fieldlink.Server.Tests.Api.Readings;

/// <summary>Aggregates over the last hours or days, and the latest value, from the store on both databases.</summary>
public abstract class ReadingsAggregateTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Aggregates_fold_the_readings_of_the_range_before_now()
    {
        var now = BaseTime.AddHours(12);
        var device = await DeviceAsync(server, _admin);
        await WriteAsync(
            server,
            new(device.Id, "t", now.AddDays(-3), 100),
            new(device.Id, "t", now.AddHours(-30), 1),
            new(device.Id, "t", now.AddHours(-5), 4),
            new(device.Id, "t", now.AddHours(-1), 2),
            new(device.Id, "t", now.AddMinutes(-10), 3));

        var values = await AggregateAsync(
            device,
            now,
            new("t", AggregateKind.Avg, TimeRangeType.Hours, 6),
            new("t", AggregateKind.Min, TimeRangeType.Hours, 6),
            new("t", AggregateKind.Max, TimeRangeType.Hours, 2),
            new("t", AggregateKind.Sum, TimeRangeType.Days, 2),
            new("t", AggregateKind.Count, TimeRangeType.Days, 7),
            new("t", AggregateKind.None, TimeRangeType.Days, 1),
            new("t", AggregateKind.Max, TimeRangeType.Latest, 0));

        Assert.Equal([3.0, 2.0, 3.0, 10.0, 5.0, 3.0, 3.0], values.Select(v => v.Value));
    }

    [Fact]
    public async Task Latest_is_the_newest_reading_and_None_the_newest_in_the_range()
    {
        var now = BaseTime.AddHours(12);
        var device = await DeviceAsync(server, _admin);
        await WriteAsync(server, new(device.Id, "t", now.AddDays(-5), 7), new(device.Id, "t", now.AddDays(-6), 8));

        var values = await AggregateAsync(
            device,
            now,
            new("t", AggregateKind.None, TimeRangeType.Latest, 0),
            new("t", AggregateKind.None, TimeRangeType.Days, 1),
            new("t", AggregateKind.None, TimeRangeType.Days, 7));

        Assert.Equal([7.0, null, 7.0], values.Select(v => v.Value));
    }

    [Fact]
    public async Task A_measure_without_readings_is_null_with_the_unit_of_the_category()
    {
        var category = await _admin.CreateAsync("deviceCategories", new
        {
            name = Registry.Unique("HVAC"),
            measures = new[] { new { name = "temperature", unit = "°C" }, new { name = "humidity", unit = "%" } },
        });
        var device = await DeviceAsync(server, _admin, category.Id());
        await WriteAsync(server, new DeviceReading(device.Id, "temperature", BaseTime, 21.5));

        var values = await AggregateAsync(
            device,
            BaseTime.AddHours(1),
            new("temperature", AggregateKind.Avg, TimeRangeType.Hours, 2),
            new("humidity", AggregateKind.Avg, TimeRangeType.Hours, 2),
            new("pressure", AggregateKind.Count, TimeRangeType.Hours, 2));

        Assert.Equal([21.5, null, null], values.Select(v => v.Value));
        Assert.Equal(["°C", "%", null], values.Select(v => v.Unit));
        Assert.Equal("humidity", values[1].Request.Measure);
    }

    [Fact]
    public async Task A_time_range_beyond_90_is_refused()
    {
        var device = await DeviceAsync(server, _admin);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AggregateAsync(device, BaseTime, new AggregateRequest("t", AggregateKind.Avg, TimeRangeType.Days, 91)));
    }

    private async Task<IReadOnlyList<AggregateValue>> AggregateAsync(DeviceRef device, DateTimeOffset now, params AggregateRequest[] requests)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var store = new ReadingsStore(scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>(), new FakeTimeProvider(now));
        return await store.AggregateAsync(device, requests, CancellationToken.None);
    }
}

public sealed class ReadingsAggregateOnSqliteTests(SqliteServer server) : ReadingsAggregateTests(server), IClassFixture<SqliteServer>;

public sealed class ReadingsAggregateOnPostgresTests(PostgresServer server) : ReadingsAggregateTests(server), IClassFixture<PostgresServer>;
