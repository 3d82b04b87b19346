using System.Net;
using System.Text.Json.Nodes;
using Fieldlink.Core.Readings;
using Fieldlink.Server.Tests.Infrastructure;
using static Fieldlink.Server.Tests.Api.Readings.ReadingsFixture;

namespace Fieldlink.Server.Tests.Api.Readings;

/// <summary>
/// Readings near the largest double fold without an error: a sum beyond it is answered as the largest finite double,
/// an average stays exact, on both databases (SQLite summed into an infinity JSON cannot hold, PostgreSQL raised 22003).
/// </summary>
public abstract class ReadingsOverflowTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Readings_whose_sum_overflows_answer_the_largest_double_and_an_exact_average()
    {
        var device = await DeviceAsync(server, _admin);
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        await WriteAsync(server, new DeviceReading(device.Id, "flow", at, 1e308), new DeviceReading(device.Id, "flow", at.AddSeconds(1), 1e308));

        var answer = await (await _admin.GetAsync($"/api/v1/devices/{device.Id}/readings?measures=flow&interval=PT1H&from={Iso(at.AddMinutes(-1))}&to={Iso(at.AddMinutes(1))}"))
            .ReadObjectAsync(HttpStatusCode.OK);

        var bucket = Assert.Single(answer["measures"]!["flow"]!.AsArray())!;
        Assert.Equal(double.MaxValue, (double)bucket["sum"]!);
        Assert.Equal(1e308, (double)bucket["avg"]!);
        Assert.Equal(1e308, (double)bucket["max"]!);
        Assert.Equal(2, (long)bucket["count"]!);
    }

    [Fact]
    public async Task Aggregates_of_readings_whose_sum_overflows_answer_without_error()
    {
        var device = await DeviceAsync(server, _admin);
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        await WriteAsync(
            server,
            new DeviceReading(device.Id, "flow", at, 1e308),
            new DeviceReading(device.Id, "flow", at.AddSeconds(1), 1e308),
            new DeviceReading(device.Id, "flow", at.AddSeconds(2), -1e308),
            new DeviceReading(device.Id, "flow", at.AddSeconds(3), -double.MaxValue));

        var response = await _admin.PostJsonAsync($"/api/v1/devices/{device.Id}/readings/aggregate", new[]
        {
            new { measure = "flow", aggregate = "Sum", timeRangeType = "Hours", timeRangeValue = 1 },
            new { measure = "flow", aggregate = "Avg", timeRangeType = "Hours", timeRangeValue = 1 },
            new { measure = "flow", aggregate = "Min", timeRangeType = "Hours", timeRangeValue = 1 },
        });

        var values = (await response.ReadObjectAsArrayAsync()).Select(v => (double)v!["value"]!).ToList();
        Assert.Equal(1e308 - double.MaxValue, values[0], 1e295);
        Assert.Equal((1e308 - double.MaxValue) / 4, values[1], 1e295);
        Assert.Equal(-double.MaxValue, values[2]);
    }

    [Fact]
    public async Task Readings_large_in_magnitude_sum_as_exactly_as_plain_ones()
    {
        var device = await DeviceAsync(server, _admin);
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        await WriteAsync(server, new DeviceReading(device.Id, "x", at, 1e300), new DeviceReading(device.Id, "x", at.AddSeconds(1), 1e-300), new DeviceReading(device.Id, "x", at.AddSeconds(2), 3e300));

        var answer = await (await _admin.GetAsync($"/api/v1/devices/{device.Id}/readings?measures=x&interval=PT1H&from={Iso(at.AddMinutes(-1))}&to={Iso(at.AddMinutes(1))}"))
            .ReadObjectAsync(HttpStatusCode.OK);

        var bucket = Assert.Single(answer["measures"]!["x"]!.AsArray())!;
        Assert.Equal(1e300 + 1e-300 + 3e300, (double)bucket["sum"]!);
        Assert.Equal(1e-300, (double)bucket["min"]!);
    }

    private static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
}

public sealed class ReadingsOverflowOnSqliteTests(SqliteServer server) : ReadingsOverflowTests(server), IClassFixture<SqliteServer>;

public sealed class ReadingsOverflowOnPostgresTests(PostgresServer server) : ReadingsOverflowTests(server), IClassFixture<PostgresServer>;
