using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Simulator.Tests;

/// <summary>Telemetry: one batch per tick of the instance's clock for the devices it has seen, until disposed.</summary>
public sealed class SimulatorTelemetryTests
{
    [Fact]
    public async Task Each_tick_publishes_one_batch_with_a_reading_of_every_device_seen()
    {
        await using var simulator = Simulator.Open(new SimulatorSettings { TelemetryIntervalSeconds = 10 });
        await simulator.Instance.StartAsync(CancellationToken.None);
        await simulator.Instance.RegisterDevicesAsync([Simulator.Device("sim-01"), Simulator.Device("sim-02")], CancellationToken.None);
        await simulator.PullAsync("sim-03");

        for (var tick = 1; tick <= 3; tick++)
        {
            simulator.Time.Advance(TimeSpan.FromSeconds(10));
            await simulator.Sink.WaitUntilAsync(s => s.TelemetryBatches.Count == tick, $"batch {tick}");
        }

        var batches = simulator.Sink.TelemetryBatches;
        Assert.All(batches, batch =>
        {
            Assert.Equal(["sim-01", "sim-02", "sim-03"], batch.Select(r => r.DeviceId));
            Assert.Single(batch.Select(r => r.Timestamp).Distinct());
            Assert.All(batch, r => Assert.Equal(["humidity", "temperature"], r.Values.Keys.Order(StringComparer.Ordinal)));
        });
        Assert.Equal(
            [simulator.Time.GetUtcNow().AddSeconds(-20), simulator.Time.GetUtcNow().AddSeconds(-10), simulator.Time.GetUtcNow()],
            batches.Select(b => b[0].Timestamp));
        Assert.NotEqual(batches[0][0].Values["temperature"], batches[2][0].Values["temperature"]);
    }

    [Fact]
    public async Task Telemetry_agrees_with_what_a_pull_reports()
    {
        await using var simulator = Simulator.Open(new SimulatorSettings { TelemetryIntervalSeconds = 10 });
        await simulator.Instance.StartAsync(CancellationToken.None);
        await simulator.PullAsync("sim-01");

        simulator.Time.Advance(TimeSpan.FromSeconds(10));
        await simulator.Sink.WaitUntilAsync(s => s.TelemetryBatches.Count == 1, "a batch");

        var reading = Assert.Single(simulator.Sink.TelemetryBatches[0]);
        var properties = (await simulator.PullAsync("sim-01")).ReportedProperties!;
        Assert.Equal((double)properties["temperature"]!, reading.Values["temperature"]);
        Assert.Equal((double)properties["humidity"]!, reading.Values["humidity"]);
    }

    [Fact]
    public async Task No_batch_is_published_before_any_device_is_seen()
    {
        await using var simulator = Simulator.Open(new SimulatorSettings { TelemetryIntervalSeconds = 10 });
        await simulator.Instance.StartAsync(CancellationToken.None);

        simulator.Time.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        var empty = simulator.Sink.TelemetryBatches.Count;
        await simulator.PullAsync("sim-01");
        simulator.Time.Advance(TimeSpan.FromSeconds(10));
        await simulator.Sink.WaitUntilAsync(s => s.TelemetryBatches.Any(b => b[0].Timestamp == simulator.Time.GetUtcNow()), "the batch of the second tick");

        // The first tick found no device; were the machine so slow that it ran after the pull, it would carry the
        // device, never an empty batch.
        Assert.Equal(0, empty);
        Assert.All(simulator.Sink.TelemetryBatches, batch => Assert.Equal("sim-01", Assert.Single(batch).DeviceId));
    }

    [Fact]
    public async Task Nothing_is_published_before_start_or_with_telemetry_off()
    {
        await using var notStarted = Simulator.Open(new SimulatorSettings { TelemetryIntervalSeconds = 10 });
        await using var off = Simulator.Open(new SimulatorSettings { TelemetryIntervalSeconds = 0 });
        await off.Instance.StartAsync(CancellationToken.None);
        foreach (var simulator in new[] { notStarted, off })
        {
            await simulator.PullAsync("sim-01");
            simulator.Time.Advance(TimeSpan.FromMinutes(10));
        }

        await Task.Delay(50);

        Assert.Empty(notStarted.Sink.TelemetryBatches);
        Assert.Empty(off.Sink.TelemetryBatches);
    }

    [Fact]
    public async Task Dispose_stops_telemetry()
    {
        var simulator = Simulator.Open(new SimulatorSettings { TelemetryIntervalSeconds = 10 });
        await simulator.Instance.StartAsync(CancellationToken.None);
        await simulator.PullAsync("sim-01");
        simulator.Time.Advance(TimeSpan.FromSeconds(10));
        await simulator.Sink.WaitUntilAsync(s => s.TelemetryBatches.Count == 1, "a batch");

        await simulator.DisposeAsync();
        for (var tick = 0; tick < 5; tick++)
        {
            simulator.Time.Advance(TimeSpan.FromSeconds(10));
        }

        await Task.Delay(50);
        Assert.Single(simulator.Sink.TelemetryBatches);
    }

    [Fact]
    public async Task A_sink_that_fails_once_does_not_stop_telemetry()
    {
        var sink = new FailingOnceSink();
        await using var instance = (SimulatorInstance)new SimulatorConnector().Open(new ConnectorContext(
            Guid.NewGuid(), "flaky", null, new SimulatorSettings { TelemetryIntervalSeconds = 10 }, sink, new Fieldlink.Testing.TestLog(), sink.Time));
        await instance.StartAsync(CancellationToken.None);
        await instance.PullDeviceDataAsync([Simulator.Device("sim-01")], CancellationToken.None);

        sink.Time.Advance(TimeSpan.FromSeconds(10));
        await sink.WaitUntilAsync(s => s.Attempts == 1, "the failing attempt");
        sink.Time.Advance(TimeSpan.FromSeconds(10));
        await sink.Recorded.WaitUntilAsync(s => s.TelemetryBatches.Count == 1, "a batch after the failure");
    }

    private sealed class FailingOnceSink : IConnectorSink
    {
        private int _attempts;

        public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time { get; } = new();

        public RecordingSink Recorded { get; } = new();

        public int Attempts => Volatile.Read(ref _attempts);

        public ValueTask PublishTelemetryAsync(IReadOnlyList<TelemetryReport> reports, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _attempts) == 1
                ? throw new InvalidOperationException("The store is down.")
                : Recorded.PublishTelemetryAsync(reports, cancellationToken);

        public ValueTask PublishAlertsAsync(IReadOnlyList<AlertReport> reports, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask PublishDeviceStateAsync(IReadOnlyList<DeviceStateReport> reports, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask ReportCommandStatusAsync(CommandStatusReport report, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask PublishDeadLettersAsync(IReadOnlyList<DeadLetterReport> reports, CancellationToken cancellationToken) => Recorded.PublishDeadLettersAsync(reports, cancellationToken);

        public async Task WaitUntilAsync(Func<FailingOnceSink, bool> condition, string what)
        {
            for (var i = 0; i < 2_000 && !condition(this); i++)
            {
                await Task.Delay(5);
            }

            Assert.True(condition(this), $"Waited 10 s for {what}");
        }
    }
}
