using Fieldlink.Core.Readings;
using Fieldlink.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Fieldlink.Server.Tests.Api.Readings.ReadingsFixture;

namespace Fieldlink.Server.Tests.Api.Readings;

/// <summary>Retention deletes what is older than the period, in batches, and nothing else; on both databases.</summary>
public abstract class ReadingsRetentionTests(FieldlinkServer server)
{
    private readonly HttpClient _admin = server.Client();

    [Fact]
    public async Task Deleting_before_a_cutoff_takes_older_readings_in_batches_and_keeps_the_rest()
    {
        var device = await DeviceAsync(server, _admin);
        var other = await DeviceAsync(server, _admin);
        var cutoff = BaseTime;
        var old = Enumerable.Range(1, 7).Select(i => new DeviceReading(device.Id, "t", cutoff.AddMinutes(-i), i));
        await WriteAsync(server, [.. old, new(device.Id, "t", cutoff, 0), new(device.Id, "h", cutoff.AddDays(-1), 5), new(other.Id, "t", cutoff.AddSeconds(1), 9)]);

        await using var scope = server.Services.CreateAsyncScope();
        var deleted = await scope.ServiceProvider.GetRequiredService<ReadingsRetention>().DeleteOlderThanAsync(cutoff, batchSize: 3, CancellationToken.None);

        Assert.True(deleted >= 8, $"Deleted {deleted}");
        Assert.Equal([(cutoff, 0.0)], await AllAsync(server, device.Id, "t"));
        Assert.Empty(await AllAsync(server, device.Id, "h"));
        Assert.Equal([(cutoff.AddSeconds(1), 9.0)], await AllAsync(server, other.Id, "t"));
    }

    [Fact]
    public async Task The_sweep_runs_at_start_and_again_each_interval_on_its_clock()
    {
        var device = await DeviceAsync(server, _admin);
        var clock = new WaitCountingClock(BaseTime.AddDays(30));
        await WriteAsync(server, new(device.Id, "t", BaseTime.AddDays(-1), 1), new(device.Id, "t", BaseTime.AddDays(1), 2), new(device.Id, "t", BaseTime.AddDays(3), 3));
        var options = new ReadingsOptions { RetentionDays = 30, RetentionSweepInterval = TimeSpan.FromHours(1), RetentionBatchSize = 1 };
        using var service = new ReadingsRetentionService(
            server.Services.GetRequiredService<IServiceScopeFactory>(), clock, new StaticOptionsMonitor(options), NullLogger<ReadingsRetentionService>.Instance);

        await service.StartAsync(CancellationToken.None);
        try
        {
            await WaitForAsync(async () => (await AllAsync(server, device.Id, "t")).Count == 2);

            // Two days on, the next sweep (due an hour after the first) finds the second reading out of the period too.
            await clock.WaitedAsync(1);
            clock.Advance(TimeSpan.FromDays(2));
            await WaitForAsync(async () => (await AllAsync(server, device.Id, "t")).Count == 1);

            Assert.Equal([(BaseTime.AddDays(3), 3.0)], await AllAsync(server, device.Id, "t"));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Zero_retention_days_keeps_everything()
    {
        var device = await DeviceAsync(server, _admin);
        await WriteAsync(server, new DeviceReading(device.Id, "t", BaseTime.AddYears(-10), 1));
        using var service = new ReadingsRetentionService(
            server.Services.GetRequiredService<IServiceScopeFactory>(),
            new FakeTimeProvider(BaseTime),
            new StaticOptionsMonitor(new ReadingsOptions { RetentionDays = 0 }),
            NullLogger<ReadingsRetentionService>.Instance);

        Assert.Equal(0, await service.SweepAsync(CancellationToken.None));
        Assert.Single(await AllAsync(server, device.Id, "t"));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The condition did not come true in 10 s.");
    }

    private sealed class StaticOptionsMonitor(ReadingsOptions value) : IOptionsMonitor<ReadingsOptions>
    {
        public ReadingsOptions CurrentValue => value;

        public ReadingsOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ReadingsOptions, string?> listener) => null;
    }
}

public sealed class ReadingsRetentionOnSqliteTests(SqliteServer server) : ReadingsRetentionTests(server), IClassFixture<SqliteServer>;

public sealed class ReadingsRetentionOnPostgresTests(PostgresServer server) : ReadingsRetentionTests(server), IClassFixture<PostgresServer>;
