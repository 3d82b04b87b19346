using Fieldlink.Sdk;
using Fieldlink.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Fieldlink.Connectors.Simulator.Tests;

/// <summary>A simulator instance opened as Fieldlink opens it, on a fake clock, reporting to a recording sink.</summary>
public sealed class Simulator : IAsyncDisposable
{
    private Simulator(SimulatorSettings settings)
    {
        Instance = (SimulatorInstance)new SimulatorConnector().Open(new ConnectorContext(
            Guid.NewGuid(), "Simulator under test", null, settings, Sink, Log, Time));
    }

    /// <summary>The simulator's errors; a test that provokes some says so with <see cref="TestLog.ExpectErrors"/>.</summary>
    public TestLog Log { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));

    public RecordingSink Sink { get; } = new();

    public SimulatorInstance Instance { get; }

    public static Simulator Open(SimulatorSettings? settings = null) => new(settings ?? new SimulatorSettings());

    public static DeviceRef Device(string deviceId) => new(IdOf(deviceId), deviceId, $"Device {deviceId}", null, Simulated: true);

    /// <summary>A stable Fieldlink id per device id, so two runs make the very same calls.</summary>
    public static Guid IdOf(string deviceId) => new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(deviceId))[..16]);

    public async Task<DeviceData> PullAsync(string deviceId) =>
        Assert.Single(await Instance.PullDeviceDataAsync([Device(deviceId)], CancellationToken.None));

    public ValueTask DisposeAsync() => Instance.DisposeAsync();
}
