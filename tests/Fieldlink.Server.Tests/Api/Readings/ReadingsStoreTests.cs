using Fieldlink.Core.Data;
using Fieldlink.Core.Readings;
using Fieldlink.Server.Tests.Infrastructure;
using Fieldlink.Sdk;
using Microsoft.EntityFrameworkCore;
using static Fieldlink.Server.Tests.Api.Readings.ReadingsFixture;

namespace Fieldlink.Server.Tests.Api.Readings;

/// <summary>Bucket math, overwrites and the bucket limit of the readings store, on both databases.</summary>
public abstract class ReadingsStoreTests(FieldlinkServer server)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Buckets_are_aligned_to_from_and_fold_min_max_avg_sum_count()
    {
        var device = await DeviceAsync(server, _admin);
        var from = BaseTime.AddMinutes(30);
        await WriteAsync(
            server,
            new(device.Id, "temperature", from.AddMinutes(1), 20),
            new(device.Id, "temperature", from.AddMinutes(20), 22),
            new(device.Id, "temperature", from.AddMinutes(59), 27),
            new(device.Id, "temperature", from.AddMinutes(61), 30));

        var result = await QueryAsync(server, device, from, from.AddHours(2), Hour);

        var buckets = result.Measures["temperature"];
        Assert.Equal(2, buckets.Count);
        Assert.Equal(new ReadingBucket(from, 20, 27, 23, 69, 3), buckets[0]);
        Assert.Equal(new ReadingBucket(from.AddHours(1), 30, 30, 30, 30, 1), buckets[1]);
    }

    [Fact]
    public async Task A_reading_at_from_is_in_the_first_bucket_and_one_at_to_is_left_out()
    {
        var device = await DeviceAsync(server, _admin);
        var from = BaseTime;
        var to = from.AddHours(3);
        await WriteAsync(
            server,
            new(device.Id, "t", from.AddTicks(-10), 1),
            new(device.Id, "t", from, 2),
            new(device.Id, "t", to.AddTicks(-10), 3),
            new(device.Id, "t", to, 4));

        var buckets = (await QueryAsync(server, device, from, to, Hour)).Measures["t"];

        Assert.Equal([from, from.AddHours(2)], buckets.Select(b => b.Timestamp));
        Assert.Equal(2, buckets[0].Sum);
        Assert.Equal(3, buckets[1].Sum);
        Assert.All(buckets, b => Assert.Equal(1, b.Count));
    }

    [Fact]
    public async Task Buckets_without_readings_are_left_out_and_a_short_last_bucket_counts()
    {
        var device = await DeviceAsync(server, _admin);
        var from = BaseTime;
        await WriteAsync(server, new(device.Id, "t", from.AddMinutes(5), 1), new(device.Id, "t", from.AddHours(5).AddMinutes(40), 2));

        // 5 h 45 min in hours: six buckets, the last one 45 minutes long.
        var buckets = (await QueryAsync(server, device, from, from.AddHours(5).AddMinutes(45), Hour)).Measures["t"];

        Assert.Equal([from, from.AddHours(5)], buckets.Select(b => b.Timestamp));
    }

    [Fact]
    public async Task Measures_are_answered_by_name_and_other_devices_readings_never_count()
    {
        var device = await DeviceAsync(server, _admin);
        var other = await DeviceAsync(server, _admin);
        var at = BaseTime.AddMinutes(10);
        await WriteAsync(
            server,
            new(device.Id, "temperature", at, 21),
            new(device.Id, "humidity", at, 40),
            new(other.Id, "temperature", at, 99));

        var all = await QueryAsync(server, device, BaseTime, BaseTime.AddDays(1), TimeSpan.FromDays(1));
        var some = await QueryAsync(server, device, BaseTime, BaseTime.AddDays(1), TimeSpan.FromDays(1), "humidity", "pressure");

        Assert.Equal(["humidity", "temperature"], all.Measures.Keys.Order());
        Assert.Equal(21, Assert.Single(all.Measures["temperature"]).Max);
        Assert.Equal(["humidity", "pressure"], some.Measures.Keys.Order());
        Assert.Empty(some.Measures["pressure"]);
    }

    [Fact]
    public async Task Sub_hour_and_multi_day_intervals_bucket_exactly()
    {
        var device = await DeviceAsync(server, _admin);
        var from = BaseTime.AddDays(-20);
        var readings = Enumerable.Range(0, 20).Select(d => new DeviceReading(device.Id, "t", from.AddDays(d).AddMinutes(7), d)).ToArray();
        await WriteAsync(server, readings);

        var weekly = (await QueryAsync(server, device, from, from.AddDays(20), TimeSpan.FromDays(7))).Measures["t"];
        var fifteenMinutes = (await QueryAsync(server, device, from, from.AddDays(1), TimeSpan.FromMinutes(15))).Measures["t"];

        Assert.Equal([7L, 7L, 6L], weekly.Select(b => b.Count));
        Assert.Equal([from, from.AddDays(7), from.AddDays(14)], weekly.Select(b => b.Timestamp));
        Assert.Equal(0 + 1 + 2 + 3 + 4 + 5 + 6, weekly[0].Sum);
        Assert.Equal(from, Assert.Single(fifteenMinutes).Timestamp);
    }

    [Fact]
    public async Task A_repeated_timestamp_overwrites_the_value_in_one_batch_and_across_batches()
    {
        var device = await DeviceAsync(server, _admin);
        var at = BaseTime.AddMinutes(1);
        await WriteAsync(server, new(device.Id, "t", at, 1), new(device.Id, "t", at, 2));
        Assert.Equal([(at, 2.0)], await AllAsync(server, device.Id, "t"));

        await WriteAsync(server, new(device.Id, "t", at, 3), new(device.Id, "t", at.AddSeconds(1), 4));

        Assert.Equal([(at, 3.0), (at.AddSeconds(1), 4.0)], await AllAsync(server, device.Id, "t"));
        var bucket = Assert.Single((await QueryAsync(server, device, BaseTime, BaseTime.AddHours(1), Hour)).Measures["t"]);
        Assert.Equal(2, bucket.Count);
    }

    [Fact]
    public async Task Deleting_a_device_deletes_its_series_and_readings()
    {
        var device = await DeviceAsync(server, _admin);
        var other = await DeviceAsync(server, _admin);
        await WriteAsync(server, new(device.Id, "t", BaseTime, 1), new(device.Id, "h", BaseTime, 2), new(other.Id, "t", BaseTime, 3));
        List<int> series;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            series = await db.ReadingSeries.Where(s => s.DeviceRecordId == device.Id).Select(s => s.Id).ToListAsync();
        }

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/devices/{device.Id}")).StatusCode);

        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FieldlinkDbContext>();
            Assert.Equal(2, series.Count);
            Assert.False(await db.ReadingSeries.AnyAsync(s => series.Contains(s.Id)));
            Assert.False(await db.Readings.AnyAsync(r => series.Contains(r.SeriesId)));
        }

        Assert.Single(await AllAsync(server, other.Id, "t"));
    }

    [Fact]
    public async Task More_than_the_bucket_limit_is_refused_naming_interval()
    {
        var device = await DeviceAsync(server, _admin);
        var from = BaseTime;
        var atLimit = new ReadingsQuery(device, from, from.AddMinutes(ReadingsStore.MaxBuckets), TimeSpan.FromMinutes(1), []);
        var overLimit = atLimit with { To = atLimit.To.AddTicks(1) };

        Assert.Null(ReadingsStore.Check(atLimit));
        var error = ReadingsStore.Check(overLimit);
        Assert.Equal("interval", error?.Field);
        Assert.Contains("10001", error!.Message, StringComparison.Ordinal);

        await using var scope = server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ReadingsStore>();
        var thrown = await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync(overLimit, CancellationToken.None));
        Assert.Equal("interval", thrown.ParamName);
        Assert.Equal("to", ReadingsStore.Check(atLimit with { To = from })?.Field);
        Assert.Equal("interval", ReadingsStore.Check(atLimit with { Interval = TimeSpan.Zero })?.Field);
    }
}

public sealed class ReadingsStoreOnSqliteTests(SqliteServer server) : ReadingsStoreTests(server), IClassFixture<SqliteServer>
{
    [Fact]
    public async Task Readings_are_a_WITHOUT_ROWID_table_keyed_by_series_and_time()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={server.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'Readings'";
        var sql = (string?)await command.ExecuteScalarAsync();

        Assert.NotNull(sql);
        Assert.Contains("WITHOUT ROWID", sql, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("PRIMARY KEY (\"SeriesId\", \"Timestamp\")", sql, StringComparison.Ordinal);
    }
}

public sealed class ReadingsStoreOnPostgresTests(PostgresServer server) : ReadingsStoreTests(server), IClassFixture<PostgresServer>
{
    [Fact]
    public async Task The_primary_key_of_readings_covers_the_value_for_index_only_scans()
    {
        await using var connection = new Npgsql.NpgsqlConnection(server.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE indexname = 'PK_Readings'", connection);
        var definition = (string?)await command.ExecuteScalarAsync();

        Assert.NotNull(definition);
        Assert.Contains("(\"SeriesId\", \"Timestamp\") INCLUDE (\"Value\")", definition, StringComparison.Ordinal);
    }
}
