using System.Diagnostics;
using Fieldlink.Sdk;

namespace Fieldlink.Connectors.Simulator.Tests;

/// <summary>Records what the instance reports: the SDK boundary, where Fieldlink's ingestion would take over.</summary>
public sealed class RecordingSink : IConnectorSink
{
    private readonly Lock _lock = new();
    private readonly List<IReadOnlyList<TelemetryReport>> _telemetry = [];
    private readonly List<DeviceStateReport> _states = [];
    private readonly List<CommandStatusReport> _statuses = [];
    private readonly List<AlertReport> _alerts = [];

    public IReadOnlyList<AlertReport> Alerts
    {
        get
        {
            lock (_lock)
            {
                return [.. _alerts];
            }
        }
    }

    public IReadOnlyList<IReadOnlyList<TelemetryReport>> TelemetryBatches
    {
        get
        {
            lock (_lock)
            {
                return [.. _telemetry];
            }
        }
    }

    public IReadOnlyList<DeviceStateReport> States
    {
        get
        {
            lock (_lock)
            {
                return [.. _states];
            }
        }
    }

    public IReadOnlyList<CommandStatusReport> Statuses
    {
        get
        {
            lock (_lock)
            {
                return [.. _statuses];
            }
        }
    }

    public IReadOnlyList<CommandStatus> StatusesOf(Guid commandId) => [.. Statuses.Where(s => s.CommandId == commandId).Select(s => s.Status)];

    public ValueTask PublishAlertsAsync(IReadOnlyList<AlertReport> reports, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _alerts.AddRange(reports);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask PublishTelemetryAsync(IReadOnlyList<TelemetryReport> reports, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _telemetry.Add(reports);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask PublishDeviceStateAsync(IReadOnlyList<DeviceStateReport> reports, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _states.AddRange(reports);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ReportCommandStatusAsync(CommandStatusReport report, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _statuses.Add(report);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The simulator never dead-letters; a dead letter from it fails the test that sees it.</summary>
    public ValueTask PublishDeadLettersAsync(IReadOnlyList<DeadLetterReport> reports, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"The simulator dead-lettered {reports.Count} messages.");

    /// <summary>
    /// Waits (in real time, at most 10 s) until <paramref name="condition"/> holds: the instance reports from the thread
    /// pool after the fake clock moves.
    /// </summary>
    public async Task WaitUntilAsync(Func<RecordingSink, bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition(this))
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new Xunit.Sdk.XunitException($"Waited 10 s for {what}; statuses: {string.Join(", ", Statuses.Select(s => s.Status))}");
            }

            await Task.Delay(5);
        }
    }
}
