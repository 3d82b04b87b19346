using Fieldlink.Connectors.Simulator.Internal;
using Fieldlink.Sdk;
using Microsoft.Extensions.Logging;

namespace Fieldlink.Connectors.Simulator;

/// <summary>
/// One simulator provider instance: a fleet of simulated devices, each created when first registered, pulled or sent
/// a command. It publishes their readings every <see cref="SimulatorSettings.TelemetryIntervalSeconds"/> from
/// <see cref="StartAsync"/> until disposed, and answers commands through the sink after
/// <see cref="SimulatorSettings.CommandDelayMilliseconds"/>. Everything runs on the context's clock, so a test's fake
/// clock drives it.
/// </summary>
/// <remarks>Thread-safe: actions may be called concurrently.</remarks>
public sealed class SimulatorInstance : IConnectorInstance, IRegisterDevices, IPullDeviceData, ISendCommands
{
    private static readonly TimeSpan DriftStepWithoutTelemetry = TimeSpan.FromSeconds(60);

    private readonly SimulatorSettings _settings;
    private readonly ConnectorContext _context;
    private readonly ILogger _logger;
    private readonly TimeSpan _driftStep;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SimulatedDevice> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Task> _pendingCommands = [];
    private readonly CancellationTokenSource _stopping = new();
    private PeriodicTimer? _telemetryTimer;
    private Task _telemetry = Task.CompletedTask;
    private bool _disposed;

    internal SimulatorInstance(SimulatorSettings settings, ConnectorContext context)
    {
        _settings = settings;
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<SimulatorInstance>();
        _driftStep = settings.TelemetryIntervalSeconds > 0 ? TimeSpan.FromSeconds(settings.TelemetryIntervalSeconds) : DriftStepWithoutTelemetry;
    }

    /// <summary>Starts publishing telemetry, unless <see cref="SimulatorSettings.TelemetryIntervalSeconds"/> is 0, and reports Connected: the fleet is in memory, so it is always reachable.</summary>
    /// <param name="cancellationToken">Not used: starting does not wait for anything.</param>
    /// <returns>A completed task.</returns>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_telemetryTimer is null && _settings.TelemetryIntervalSeconds > 0)
            {
                // The timer is made here, not in the loop, so its first tick is one interval after the start on any clock.
                _telemetryTimer = new PeriodicTimer(_driftStep, _context.Time);
                _telemetry = PublishTelemetryAsync(_telemetryTimer, _stopping.Token);
            }
        }

        SimulatorLog.Started(_logger, _context.ProviderInstanceName, _settings.TelemetryIntervalSeconds, _settings.Seed);
        _context.Sink.ReportConnection(InstanceConnectionState.Connected);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RegistrationResult>> RegisterDevicesAsync(IReadOnlyList<DeviceRef> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        lock (_lock)
        {
            var now = _context.Time.GetUtcNow();
            foreach (var device in devices)
            {
                See(device.DeviceId, now);
            }
        }

        return Task.FromResult<IReadOnlyList<RegistrationResult>>([.. devices.Select(d => new RegistrationResult(d.Id, RegistrationStatus.Registered))]);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceData>> PullDeviceDataAsync(IReadOnlyList<DeviceRef> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var results = new List<DeviceData>(devices.Count);
        lock (_lock)
        {
            var now = _context.Time.GetUtcNow();
            foreach (var device in devices)
            {
                var simulated = See(device.DeviceId, now);
                results.Add(new DeviceData(
                    device.Id,
                    DeviceDataStatus.Enabled,
                    ConnectionState.Connected,
                    simulated.FirstSeen,
                    simulated.ReportedProperties(),
                    simulated.LastActivityAt));
            }
        }

        return Task.FromResult<IReadOnlyList<DeviceData>>(results);
    }

    /// <summary>
    /// Takes the command and, after the configured delay, reports it Delivered and then Succeeded or Failed; a share
    /// of commands (<see cref="SimulatorSettings.CommandTimeoutRate"/>) is never answered. Which commands fail or are
    /// lost follows from the seed and the command id, so a retry meets the same fate.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Not used: taking a command does not wait.</param>
    /// <returns>Always taken; a repeat of a command still in progress is taken and not carried out twice.</returns>
    public Task<CommandAcceptance> SendCommandAsync(DeviceCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var device = See(command.Device.DeviceId, _context.Time.GetUtcNow());
            var fate = StableRandom.UnitFor(_settings.Seed, command.CommandId.ToByteArray());
            if (fate >= _settings.CommandFailureRate && fate < _settings.CommandFailureRate + _settings.CommandTimeoutRate)
            {
                SimulatorLog.CommandLost(_logger, command.CommandId, command.Name, device.DeviceId);
            }
            else if (!_pendingCommands.ContainsKey(command.CommandId))
            {
                // The delay starts now, on the caller's thread, so a fake clock moved right after this call moves it.
                var delay = Task.Delay(TimeSpan.FromMilliseconds(_settings.CommandDelayMilliseconds), _context.Time, _stopping.Token);
                _pendingCommands[command.CommandId] = CarryOutAsync(command, device, failSimulated: fate < _settings.CommandFailureRate, delay);
            }
        }

        return Task.FromResult(CommandAcceptance.Taken);
    }

    /// <summary>Stops telemetry and abandons commands not yet answered; waits for work in progress to end.</summary>
    /// <returns>A task that completes when nothing of the instance runs any more.</returns>
    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            running = [_telemetry, .. _pendingCommands.Values];
        }

        await _stopping.CancelAsync();
        _telemetryTimer?.Dispose();
        await Task.WhenAll(running);
        _stopping.Dispose();
    }

    /// <summary>The device, created on first sight and moved on to <paramref name="now"/>. Call under the lock.</summary>
    private SimulatedDevice See(string deviceId, DateTimeOffset now)
    {
        if (!_devices.TryGetValue(deviceId, out var device))
        {
            device = new SimulatedDevice(_settings.Seed, deviceId, now, _driftStep);
            _devices.Add(deviceId, device);
        }

        device.AdvanceTo(now);
        return device;
    }

    private async Task PublishTelemetryAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                List<TelemetryReport> batch;
                lock (_lock)
                {
                    var now = _context.Time.GetUtcNow();
                    batch = [.. _devices.Values
                        .OrderBy(d => d.DeviceId, StringComparer.Ordinal)
                        .Select(d =>
                        {
                            d.AdvanceTo(now);
                            return new TelemetryReport(d.DeviceId, now, d.Readings());
                        })];
                }

                if (batch.Count == 0)
                {
                    continue;
                }

                try
                {
                    await _context.Sink.PublishTelemetryAsync(batch, stopping);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    SimulatorLog.TelemetryFailed(_logger, ex, _context.ProviderInstanceName, batch.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed: telemetry stops here.
        }
    }

    private async Task CarryOutAsync(DeviceCommand command, SimulatedDevice device, bool failSimulated, Task delay)
    {
        var stopping = _stopping.Token;
        try
        {
            // Never run on the caller's thread, even without a delay: the command is taken before anything happens to it.
            await Task.Yield();
            await delay;
            var sink = _context.Sink;
            await sink.ReportCommandStatusAsync(new CommandStatusReport(command.CommandId, CommandStatus.Delivered, At: _context.Time.GetUtcNow()), stopping);

            string? error;
            System.Text.Json.Nodes.JsonObject properties;
            DateTimeOffset now;
            lock (_lock)
            {
                now = _context.Time.GetUtcNow();
                device.AdvanceTo(now);
                try
                {
                    error = failSimulated
                        ? $"The simulated device failed to carry out '{command.Name}' (one of the share of commands set by commandFailureRate)."
                        : SimulatedCommands.Execute(device, command, now);
                }
                catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
                {
                    // A command the simulator chokes on ends Failed with the reason, rather than never.
                    error = $"The simulated device could not carry out '{command.Name}': {ex.Message}";
                }
                properties = device.ReportedProperties();
            }

            if (error is null)
            {
                await sink.PublishDeviceStateAsync([new DeviceStateReport(device.DeviceId, ConnectionState.Connected, properties.DeepClone().AsObject(), now)], stopping);
                await sink.ReportCommandStatusAsync(new CommandStatusReport(command.CommandId, CommandStatus.Succeeded, properties, At: now), stopping);
                SimulatorLog.CommandEnded(_logger, command.CommandId, command.Name, device.DeviceId, CommandStatus.Succeeded);
            }
            else
            {
                await sink.ReportCommandStatusAsync(new CommandStatusReport(command.CommandId, CommandStatus.Failed, Error: error, At: now), stopping);
                SimulatorLog.CommandEnded(_logger, command.CommandId, command.Name, device.DeviceId, CommandStatus.Failed);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed before the device answered: the command stays unanswered, and Fieldlink's timeout ends it.
        }
        catch (Exception ex)
        {
            SimulatorLog.CommandReportFailed(_logger, ex, _context.ProviderInstanceName, command.CommandId);
        }
        finally
        {
            lock (_lock)
            {
                _pendingCommands.Remove(command.CommandId);
            }
        }
    }
}
